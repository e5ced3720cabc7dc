package dev.dpf.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Components run against Ready DPU clusters only, and stop when a cluster is no longer Ready. */
@KubeTest
class DpuClusterRuntimeTest {

  @Test
  void startsComponentsForReadyClustersAndStopsThem(KubeTestContext kube) {
    List<String> events = new CopyOnWriteArrayList<>();
    DpuClusterComponent recorder = new DpuClusterComponent() {
      @Override
      public String name() {
        return "recorder";
      }

      @Override
      public AutoCloseable start(DpuClusterClients.ClusterRef cluster, KubernetesClient dpuClient) {
        // prove the client reaches the DPU cluster's own API server
        events.add("start " + cluster.name() + " " + dpuClient.getKubernetesVersion().getGitVersion());
        return () -> events.add("stop " + cluster.name());
      }
    };
    try (ControllerHarness harness = ControllerHarness.start(kube, ctx -> ctx.dpuClusterRuntime().add(recorder))) {
      DPUCluster cluster = DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
      await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("start dpu-cluster-1 v1.34.4"));
      assertThat(harness.context().dpuClusterRuntime().readyClusters()).hasSize(1);

      cluster.getStatus().setPhase(DPUClusterPhase.NOT_READY);
      kube.client().resource(cluster).updateStatus();
      await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("stop dpu-cluster-1"));
      assertThat(harness.context().dpuClusterRuntime().readyClusters()).isEmpty();
    }
  }
}
