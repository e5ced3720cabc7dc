package dev.dpf.provisioning.flavor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DPUFlavor controller against the real API server. */
@KubeTest
class DpuFlavorReconcilerTest {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  KubeTestContext kube;
  KubernetesClient client;
  ControllerHarness harness;

  @BeforeEach
  void start(KubeTestContext kube) {
    this.kube = kube;
    this.client = kube.client();
    harness = ControllerHarness.start(kube, ctx -> ctx.register(new DpuFlavorReconciler(ctx.conditions(),
        ctx.events("dpuflavor"))));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void validFlavorIsReadyAndProtected() {
    apply(hbnFlavor("dpf-provisioning-hbn"));
    DPUFlavor flavor = awaitReady("dpf-provisioning-hbn", Conditions.TRUE, Conditions.REASON_SUCCESS);
    assertThat(flavor.getMetadata().getFinalizers()).contains(DpuFlavorReconciler.FINALIZER);
    assertThat(flavor.getStatus().getObservedGeneration()).isEqualTo(flavor.getMetadata().getGeneration());
    assertThat(flavor.getStatus().getConditions()).extracting(Condition::getType).containsExactly(Conditions.READY);
  }

  @Test
  void reservedResourcesBeyondDpuResourcesFailWithUpstreamMessage() {
    apply("""
        apiVersion: provisioning.dpu.nvidia.com/v1alpha1
        kind: DPUFlavor
        metadata:
          name: too-much-reserved
        spec:
          dpuResources:
            cpu: "4"
            memory: 8Gi
          systemReservedResources:
            cpu: "6"
            memory: 8Gi
            nvidia.com/sf: 2
        """);
    DPUFlavor flavor = awaitReady("too-much-reserved", Conditions.FALSE, Conditions.REASON_FAILURE);
    assertThat(ready(flavor).getMessage()).isEqualTo("resources are misconfigured: reserved resource specified in "
        + "spec.systemReservedResources exceed the ones defined in spec.dpuResources: Additional resources needed in "
        + "spec.dpuResources: [cpu: 2 nvidia.com/sf: 2]");
    await().atMost(TIMEOUT).until(() -> client.v1().events().inNamespace(kube.namespace()).list().getItems().stream()
        .anyMatch(e -> DpuFlavorReconciler.EVENT_INVALID.equals(e.getReason())
            && "too-much-reserved".equals(e.getInvolvedObject().getName())));
  }

  @Test
  void deletionWaitsForDpuSetsAndDpusThatUseTheFlavor() {
    apply(hbnFlavor("in-use"));
    awaitReady("in-use", Conditions.TRUE, Conditions.REASON_SUCCESS);
    apply("""
        apiVersion: provisioning.dpu.nvidia.com/v1alpha1
        kind: DPUSet
        metadata:
          name: dpuset
        spec:
          dpuTemplate:
            spec:
              dpuFlavor: in-use
              bfb:
                name: bf-bundle
        """);
    apply("""
        apiVersion: provisioning.dpu.nvidia.com/v1alpha1
        kind: DPU
        metadata:
          name: worker-1-0000-4b-00
        spec:
          nodeName: worker-1
          bfb: bf-bundle
          dpuFlavor: in-use
        """);
    client.resources(DPUFlavor.class).inNamespace(kube.namespace()).withName("in-use").delete();
    DPUFlavor held = awaitReady("in-use", Conditions.FALSE, Conditions.REASON_AWAITING_DELETION);
    assertThat(ready(held).getMessage()).isEqualTo("DPUFlavor is being referred to by DPUSet(s) [dpuset], you must "
        + "delete the DPUSet(s) first; DPUFlavor is being referred to by DPU(s) [worker-1-0000-4b-00], you must "
        + "delete the DPU(s) first");

    client.genericKubernetesResources("provisioning.dpu.nvidia.com/v1alpha1", "DPUSet").inNamespace(kube.namespace())
        .withName("dpuset").delete();
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ready(get("in-use")).getMessage())
        .isEqualTo("DPUFlavor is being referred to by DPU(s) [worker-1-0000-4b-00], you must delete the DPU(s) first"));

    client.genericKubernetesResources("provisioning.dpu.nvidia.com/v1alpha1", "DPU").inNamespace(kube.namespace())
        .withName("worker-1-0000-4b-00").delete();
    await().atMost(TIMEOUT).until(() -> get("in-use") == null);
  }

  @Test
  void unusedFlavorIsDeletedAtOnce() {
    apply(hbnFlavor("unused"));
    awaitReady("unused", Conditions.TRUE, Conditions.REASON_SUCCESS);
    client.resources(DPUFlavor.class).inNamespace(kube.namespace()).withName("unused").delete();
    await().atMost(TIMEOUT).until(() -> get("unused") == null);
  }

  DPUFlavor get(String name) {
    return client.resources(DPUFlavor.class).inNamespace(kube.namespace()).withName(name).get();
  }

  static Condition ready(DPUFlavor flavor) {
    return StatusConditions.find(flavor.getStatus(), Conditions.READY).orElseThrow();
  }

  DPUFlavor awaitReady(String name, String status, String reason) {
    await().atMost(TIMEOUT).untilAsserted(() -> {
      DPUFlavor flavor = get(name);
      assertThat(flavor.getStatus()).isNotNull();
      Condition ready = ready(flavor);
      assertThat(ready.getStatus() + "/" + ready.getReason()).as(ready.getMessage()).isEqualTo(status + "/" + reason);
    });
    return get(name);
  }

  void apply(String yaml) {
    GenericKubernetesResource object = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    object.getMetadata().setNamespace(kube.namespace());
    client.resource(object).create();
  }

  static String hbnFlavor(String name) {
    return """
        apiVersion: provisioning.dpu.nvidia.com/v1alpha1
        kind: DPUFlavor
        metadata:
          name: %s
        spec:
          bfcfgParameters:
          - UPDATE_ATF_UEFI=yes
          grub:
            kernelParameters:
            - console=hvc0
          nvconfig:
          - device: "*"
            parameters:
            - PF_TOTAL_SF=20
          dpuResources:
            cpu: "16"
            memory: 32Gi
          systemReservedResources:
            cpu: "4"
            memory: 8Gi
        """.formatted(name);
  }
}
