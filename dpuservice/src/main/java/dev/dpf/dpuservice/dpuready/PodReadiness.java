package dev.dpf.dpuservice.dpuready;

import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** Whether a DPU service pod counts as running (reference 11.2 step 4). Pure. */
public final class PodReadiness {

  private PodReadiness() {}

  /** No deletion timestamp, phase {@code Running} and condition {@code Ready=True}. */
  public static boolean runningAndReady(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
        || !"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getConditions() == null) {
      return false;
    }
    return pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** What the taint depends on, to filter pod updates: node, service label, readiness. */
  static List<Object> summary(Pod pod) {
    String service = pod.getMetadata().getLabels() == null ? null
        : pod.getMetadata().getLabels().get(ServiceLabels.SERVICE);
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return java.util.Arrays.asList(node, service, runningAndReady(pod));
  }
}
