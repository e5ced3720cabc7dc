package dev.dpf.dpuservice.dpuready;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.dpuservice.DpuServiceModule;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dpu-ready taint on the real control plane with two DPU clusters. No kubelet runs: the test creates the
 * critical service's pods directly in the DPU clusters, bound to the DPU's node, and writes their status (phase,
 * Ready condition) as a kubelet would.
 */
@KubeTest
class DpuReadyReconcilerTest {

  /** Reaction time asserted for a pod change in a DPU cluster to reach the host taint. */
  static final Duration REACTION = Duration.ofSeconds(10);
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  KubeTestContext kube;
  KubernetesClient client;
  String ns;
  ControllerHarness harness;
  String hostA;
  String hostB;
  String hostPlain;
  String dpuA;
  String dpuB;
  final List<Runnable> cleanup = new ArrayList<>();

  @BeforeEach
  void start(KubeTestContext kube) {
    this.kube = kube;
    client = kube.client();
    ns = kube.namespace();
    hostA = ns + "-host-a";
    hostB = ns + "-host-b";
    hostPlain = ns + "-host-plain";
    dpuA = ns + "-dpu-a";
    dpuB = ns + "-dpu-b";
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    DpuClusterFixtures.readyStaticCluster(kube, 2, "dpu-cluster-2");
    hostNode(hostA, true);
    hostNode(hostB, true);
    hostNode(hostPlain, false);
    dpu(dpuA, hostA, "dpu-cluster-1");
    dpu(dpuB, hostB, "dpu-cluster-2");
    dpuNode(kube.dpuClient(1), dpuA, Map.of("zone", "a"));
    dpuNode(kube.dpuClient(2), dpuB, Map.of("zone", "b"));
    harness = ControllerHarness.start(kube, new DpuServiceModule()::register);
  }

  @AfterEach
  void stop() {
    harness.close();
    cleanup.forEach(Runnable::run);
  }

  @Test
  void criticalServicePodNotReadyTaintsItsHostWithinSecondsAndRecoveryRemovesTheTaint() {
    criticalService("hbn", "doca-hbn", null);
    // nothing runs yet: both hosts with DPUs are tainted, the host without the dpu-enabled label is not managed
    await().atMost(REACTION).untilAsserted(() -> {
      assertThat(tainted(hostA)).isTrue();
      assertThat(tainted(hostB)).isTrue();
    });
    assertThat(tainted(hostPlain)).isFalse();
    assertThat(node(hostA).getSpec().getTaints()).as("foreign taints are kept")
        .anyMatch(t -> "example.com/other".equals(t.getKey()));

    Pod podA = pod(kube.dpuClient(1), "hbn-a", dpuA, "doca-hbn");
    setReady(kube.dpuClient(1), podA, true);
    await().atMost(REACTION).untilAsserted(() -> assertThat(tainted(hostA)).isFalse());
    assertThat(tainted(hostB)).as("host B's DPU still lacks the service").isTrue();
    Pod podB = pod(kube.dpuClient(2), "hbn-b", dpuB, "doca-hbn");
    setReady(kube.dpuClient(2), podB, true);
    await().atMost(REACTION).untilAsserted(() -> assertThat(tainted(hostB)).isFalse());

    // the pod on host A's DPU goes not ready: host A is tainted within seconds, host B stays schedulable
    long start = System.nanoTime();
    setReady(kube.dpuClient(1), podA, false);
    await().atMost(REACTION).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
        assertThat(tainted(hostA)).isTrue());
    System.out.printf("dpu-ready taint added %d ms after the pod went not ready%n",
        (System.nanoTime() - start) / 1_000_000);
    assertThat(tainted(hostB)).isFalse();
    assertThat(node(hostA).getSpec().getTaints()).filteredOn(t -> "dpu.nvidia.com/dpu-ready".equals(t.getKey()))
        .singleElement().satisfies(t -> {
          assertThat(t.getEffect()).isEqualTo("NoSchedule");
          assertThat(t.getValue()).isNull();
        });

    start = System.nanoTime();
    setReady(kube.dpuClient(1), podA, true);
    await().atMost(REACTION).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
        assertThat(tainted(hostA)).isFalse());
    System.out.printf("dpu-ready taint removed %d ms after the pod became ready%n",
        (System.nanoTime() - start) / 1_000_000);
    assertThat(node(hostA).getSpec().getTaints()).anyMatch(t -> "example.com/other".equals(t.getKey()));

    // a deleted pod counts as missing
    kube.dpuClient(2).pods().inNamespace(ns).withName("hbn-b").withGracePeriod(0).delete();
    await().atMost(REACTION).untilAsserted(() -> assertThat(tainted(hostB)).isTrue());
  }

  @Test
  void nodeSelectorLimitsWhereAServiceIsExpected_andLabelRemovalOrDisableFlagStopTainting() {
    criticalService("zone-a-only", "svc-a", "a");
    // expected on dpu-a only (zone=a): host A tainted, host B not
    await().atMost(REACTION).untilAsserted(() -> assertThat(tainted(hostA)).isTrue());
    assertThat(tainted(hostB)).isFalse();

    // removing the critical label removes the taint
    retryOnConflict(() -> client.resources(DPUService.class).withName("zone-a-only").edit(s -> {
      s.getMetadata().getLabels().remove("svc.dpu.nvidia.com/critical");
      return s;
    }));
    await().atMost(REACTION).untilAsserted(() -> assertThat(tainted(hostA)).isFalse());

    // global kill switch: no taint changes at all
    client.resource(SERIALIZATION.unmarshal("""
        apiVersion: operator.dpu.nvidia.com/v1alpha1
        kind: DPFOperatorConfig
        metadata: {name: dpfoperatorconfig}
        spec:
          provisioningController: {bfbPVCName: bfb-pvc}
          dpuServiceController: {disableDPUReadyTaints: true}
        """, DPFOperatorConfig.class)).create();
    await().atMost(REACTION).until(() -> client.resources(DPFOperatorConfig.class).list().getItems().size() == 1);
    retryOnConflict(() -> client.resources(DPUService.class).withName("zone-a-only").edit(s -> {
      s.getMetadata().getLabels().put("svc.dpu.nvidia.com/critical", "");
      return s;
    }));
    await().during(Duration.ofSeconds(3)).atMost(REACTION).untilAsserted(() ->
        assertThat(tainted(hostA)).as("disabled").isFalse());

    retryOnConflict(() -> client.resources(DPFOperatorConfig.class).withName("dpfoperatorconfig").edit(c -> {
      c.getSpec().getDpuServiceController().setDisableDPUReadyTaints(false);
      return c;
    }));
    await().atMost(REACTION).untilAsserted(() -> assertThat(tainted(hostA)).isTrue());
  }

  // --- helpers

  void criticalService(String name, String serviceId, String zone) {
    String selector = zone == null ? "" : """
          serviceDaemonSet:
            nodeSelector:
              nodeSelectorTerms:
              - matchExpressions: [{key: zone, operator: In, values: [%s]}]
        """.formatted(zone);
    client.resource(SERIALIZATION.unmarshal("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUService
        metadata:
          name: %s
          labels: {svc.dpu.nvidia.com/critical: ""}
        spec:
          serviceID: %s
          helmChart:
            source: {repoURL: "https://charts.example.com/dpf", chart: demo, version: 1.0.0}
        %s""".formatted(name, serviceId, selector), DPUService.class)).create();
  }

  void hostNode(String name, boolean dpuEnabled) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().addNewTaint().withKey("example.com/other").withEffect("NoSchedule").endTaint().endSpec();
    if (dpuEnabled) {
      node.editMetadata().addToLabels("feature.node.kubernetes.io/dpu-enabled", "true").endMetadata();
    }
    client.nodes().resource(node.build()).create();
    cleanup.add(() -> client.nodes().withName(name).delete());
  }

  void dpu(String name, String host, String cluster) {
    client.resource(SERIALIZATION.unmarshal("""
        apiVersion: provisioning.dpu.nvidia.com/v1alpha1
        kind: DPU
        metadata: {name: %s}
        spec:
          nodeName: %s
          bfb: bf-bundle
          cluster: {name: %s, namespace: %s}
        """.formatted(name, host, cluster, ns), DPU.class)).create();
  }

  void dpuNode(KubernetesClient dpu, String name, Map<String, String> labels) {
    dpu.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels)
        .addToLabels("provisioning.dpu.nvidia.com/host", name.replace("-dpu-", "-host-")).endMetadata().build())
        .create();
    cleanup.add(() -> dpu.nodes().withName(name).delete());
  }

  Pod pod(KubernetesClient dpu, String name, String nodeName, String serviceId) {
    return dpu.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(ns)
        .addToLabels("svc.dpu.nvidia.com/service", serviceId).endMetadata()
        .withNewSpec().withNodeName(nodeName).addNewContainer().withName("main").withImage("example/hbn:1")
        .endContainer().endSpec().build()).create();
  }

  /** What the kubelet would report. */
  void setReady(KubernetesClient dpu, Pod pod, boolean ready) {
    dpu.pods().inNamespace(ns).withName(pod.getMetadata().getName()).editStatus(p -> new PodBuilder(p)
        .withNewStatus().withPhase("Running")
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus().build());
  }

  /** A user's edit, retried when a controller wrote in between (409). */
  static void retryOnConflict(Runnable edit) {
    await().atMost(REACTION).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
        && k.getCode() == 409).until(() -> {
          edit.run();
          return true;
        });
  }

  Node node(String name) {
    return client.nodes().withName(name).get();
  }

  boolean tainted(String name) {
    List<Taint> taints = node(name).getSpec().getTaints();
    return taints != null && taints.stream().anyMatch(t -> "dpu.nvidia.com/dpu-ready".equals(t.getKey())
        && "NoSchedule".equals(t.getEffect()));
  }
}
