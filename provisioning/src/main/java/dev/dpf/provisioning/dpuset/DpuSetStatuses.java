package dev.dpf.provisioning.dpuset;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Pure status computations of the DPUSet: phase statistics and the readiness summary. */
final class DpuSetStatuses {

  /** At most this many DPU names are listed in the Ready message. */
  static final int LISTED = 5;

  private DpuSetStatuses() {}

  /**
   * {@code status.dpuStatistics}: owned DPUs per phase string; every phase is counted (quirk Q5 fixed: upstream
   * v24.10 leaves out {@code Node Effect} and {@code Rebooting}), an absent phase as {@code Initializing}. Null when
   * there are no DPUs.
   */
  static Map<String, Integer> statistics(List<DPU> owned) {
    Map<String, Integer> counts = new TreeMap<>();
    for (DPU dpu : owned) {
      counts.merge(dpu.effectivePhase().value(), 1, Integer::sum);
    }
    return counts.isEmpty() ? null : counts;
  }

  /**
   * The desired DPUs that are not ready after this pass (missing, not Ready, being deleted or deleted now by the
   * rolling update), plus the selected DPUs that could not be built ({@code <node>/dpu-<index>}), sorted.
   */
  static List<String> notReady(DpuSetPlan plan, List<DPU> owned, Set<String> pendingDeletes) {
    Map<String, DPU> existing = owned.stream().collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d,
        (a, b) -> a));
    Set<String> rolled = plan.rollingDeletes().stream().map(d -> d.getMetadata().getName())
        .collect(Collectors.toSet());
    List<String> result = new ArrayList<>();
    for (String name : plan.desired().keySet()) {
      DPU dpu = existing.get(name);
      if (dpu == null || rolled.contains(name) || DpuSetPlanner.unavailable(dpu, pendingDeletes)) {
        result.add(name);
      }
    }
    plan.buildErrors().forEach(e -> result.add(e.node() + "/dpu-" + e.index()));
    result.sort(null);
    return result;
  }

  /** {@code "2 of 3 DPUs are not ready: a, b"} (at most {@link #LISTED} names). */
  static String notReadyMessage(List<String> notReady, int total) {
    String names = notReady.stream().limit(LISTED).collect(Collectors.joining(", "));
    return notReady.size() + " of " + total + " DPUs are not ready: " + names
        + (notReady.size() > LISTED ? ", ..." : "");
  }
}
