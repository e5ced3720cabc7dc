package dev.dpf.provisioning.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.dpusim.DmsSimulator;
import dev.dpf.dpusim.StoredImage;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One DPU through every phase against the real API servers and the DMS simulator. */
@KubeTest
class DpuLifecycleTest {

  static final String BFB_FILE = "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb";

  DpuTestbed bed;

  @BeforeEach
  void setUp(KubeTestContext kube) {
    bed = new DpuTestbed(kube);
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  @Test
  void provisionsOneDpu() {
    String host = bed.host(1);
    String sha = bed.bfb("bfb", BFB_FILE, 3 * 1024 * 1024 + 17);
    bed.flavor("flavor");
    bed.start();
    String name = DpuTestbed.dpuName(host);
    bed.dpu(host, "bfb", d -> {});
    DPU ready = bed.awaitPhase(name, DPUPhase.READY);

    DmsSimulator dms = bed.fleet.dpu(name).dms();
    assertThat(dms.stats().activations()).isEqualTo(1);
    StoredImage image = dms.images().get(BFB_FILE);
    assertThat(image.sha256()).isEqualTo(sha);
    assertThat(ready.getSpec().getCluster().getNodeLabels()).containsEntry(ProvisioningLabels.DOCA_BFB_VERSION,
        "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod").containsEntry(ProvisioningLabels.HOST, host);
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Node node = bed.node(host);
      assertThat(node.getSpec().getTaints()).noneMatch(t -> "dpu".equals(t.getKey()));
    });
    Node dpuNode = bed.dpuClient.nodes().withName(name).get();
    assertThat(dpuNode.getMetadata().getLabels()).containsAllEntriesOf(Map.of(ProvisioningLabels.HOST, host));
    assertThat(DpuTestbed.cond(ready, DPU.CONDITION_READY).getStatus()).isEqualTo("True");
    System.out.println(bed.fleet.host(host).commandLog());
    System.out.println(Duration.ZERO);
  }
}
