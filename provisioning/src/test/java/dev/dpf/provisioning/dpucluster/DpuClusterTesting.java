package dev.dpf.provisioning.dpucluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterSpec;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Helpers of the DPUCluster controller tests. */
final class DpuClusterTesting {

  static final Duration TIMEOUT = Duration.ofSeconds(45);

  private final KubeTestContext kube;

  DpuClusterTesting(KubeTestContext kube) {
    this.kube = kube;
  }

  DPUCluster get(String name) {
    return kube.client().resources(DPUCluster.class).inNamespace(kube.namespace()).withName(name).get();
  }

  DPUCluster create(String name, String type, String kubeconfig, Consumer<DPUClusterSpec> edit) {
    DPUCluster cluster = new DPUCluster();
    cluster.getMetadata().setName(name);
    cluster.getMetadata().setNamespace(kube.namespace());
    DPUClusterSpec spec = new DPUClusterSpec();
    spec.setType(type);
    spec.setMaxNodes(10);
    spec.setVersion("v1.30.2");
    spec.setKubeconfig(kubeconfig);
    edit.accept(spec);
    cluster.setSpec(spec);
    return kube.client().resource(cluster).create();
  }

  static Condition condition(DPUCluster cluster, String type) {
    return StatusConditions.find(cluster.getStatus(), type).orElse(null);
  }

  /** Waits until the condition has the status and reason; returns the cluster. */
  DPUCluster awaitCondition(String name, String type, String status, String reason) {
    await().atMost(TIMEOUT).untilAsserted(() -> {
      Condition c = condition(get(name), type);
      assertThat(c).as(type + " of " + name).isNotNull();
      assertThat(c.getStatus() + "/" + c.getReason()).as(type + ": " + c.getMessage())
          .isEqualTo(status + "/" + reason);
    });
    return get(name);
  }

  DPUCluster awaitPhase(String name, DPUClusterPhase phase) {
    await().atMost(TIMEOUT).untilAsserted(() ->
        assertThat(get(name).getStatus().getPhase()).as("phase of " + name + ": " + get(name).getStatus()
            .getConditions()).isEqualTo(phase));
    return get(name);
  }

  List<Event> events(String involvedName, String reason) {
    return kube.client().v1().events().inNamespace(kube.namespace()).list().getItems().stream()
        .filter(e -> involvedName.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .toList();
  }

  void awaitEvent(String involvedName, String reason) {
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(involvedName, reason)).isNotEmpty());
  }

  /** The DPFOperatorConfig of the test's operator namespace (the test namespace) with the given spec YAML. */
  void operatorConfig(String specYaml) {
    String yaml = "apiVersion: operator.dpu.nvidia.com/v1alpha1\nkind: DPFOperatorConfig\nmetadata:\n"
        + "  name: dpfoperatorconfig\n  namespace: " + kube.namespace() + "\nspec:\n"
        + "  provisioningController:\n    bfbPVCName: bfb-pvc\n" + specYaml;
    kube.client().resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).serverSideApply();
  }
}
