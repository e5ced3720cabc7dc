package dev.dpf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerStandInTest {

  private final Node worker1 = HostNodes.node(1);
  private final Node worker2 = HostNodes.node(2);

  @Test
  void daemonSetStylePinningByNodeName() {
    Pod pod = pod().editSpec().withNewAffinity().withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchField()
        .withKey("metadata.name").withOperator("In").withValues("worker-2").endMatchField().endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
    assertThat(SchedulerStandIn.fits(pod, worker1)).isFalse();
    assertThat(SchedulerStandIn.fits(pod, worker2)).isTrue();
  }

  @Test
  void nodeSelectorAndLabelExpressions() {
    assertThat(SchedulerStandIn.fits(pod().editSpec()
        .withNodeSelector(Map.of("feature.node.kubernetes.io/dpu-enabled", "true")).endSpec().build(), worker1))
        .isTrue();
    assertThat(SchedulerStandIn.fits(pod().editSpec().withNodeSelector(Map.of("disktype", "ssd")).endSpec().build(),
        worker1)).isFalse();
    Pod notIn = pod().editSpec().withNewAffinity().withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression()
        .withKey("kubernetes.io/hostname").withOperator("NotIn").withValues("worker-1").endMatchExpression()
        .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
        .endSpec().build();
    assertThat(SchedulerStandIn.fits(notIn, worker1)).isFalse();
    assertThat(SchedulerStandIn.fits(notIn, worker2)).isTrue();
  }

  @Test
  void taintsNeedTolerations() {
    worker1.getSpec().setTaints(List.of(new Taint("NoSchedule", "dpu", null, "provisioning")));
    assertThat(SchedulerStandIn.fits(pod().build(), worker1)).isFalse();
    assertThat(SchedulerStandIn.fits(pod().editSpec().withTolerations(new Toleration("NoSchedule", "dpu", "Equal",
        null, "provisioning")).endSpec().build(), worker1)).isTrue();
    assertThat(SchedulerStandIn.fits(pod().editSpec().withTolerations(new Toleration(null, null, "Exists", null,
        null)).endSpec().build(), worker1)).isTrue();
    assertThat(SchedulerStandIn.fits(pod().editSpec().withTolerations(new Toleration("NoSchedule", "dpu", "Equal",
        null, "other")).endSpec().build(), worker1)).isFalse();
    worker1.getSpec().setTaints(List.of(new Taint("PreferNoSchedule", "soft", null, null)));
    assertThat(SchedulerStandIn.fits(pod().build(), worker1)).isTrue();
    worker1.getSpec().setTaints(List.of());
    worker1.getSpec().setUnschedulable(true);
    assertThat(SchedulerStandIn.fits(pod().build(), worker1)).isFalse();
  }

  private static PodBuilder pod() {
    return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec();
  }
}
