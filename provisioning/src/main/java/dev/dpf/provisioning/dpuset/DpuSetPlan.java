package dev.dpf.provisioning.dpuset;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import java.util.List;
import java.util.Map;

/**
 * What one DPUSet reconcile does, computed by {@link DpuSetPlanner} without touching the cluster.
 *
 * @param specError the DPUSet cannot be acted on (invalid selector or template): nothing is created or deleted
 * @param desired the DPUs that should exist, by name
 * @param buildErrors selected DPUs that cannot be built from their Node's labels (upstream error texts)
 * @param toCreate desired DPUs that do not exist yet
 * @param stale owned DPUs that are not desired any more (their Node or DPU index is no longer selected)
 * @param labelSync RollingUpdate only: owned DPU name → template {@code cluster.nodeLabels} entries to merge in
 * @param rollingDeletes RollingUpdate only: outdated DPUs deleted in this pass within {@code maxUnavailable}
 * @param strategyError {@code maxUnavailable} cannot be interpreted; no rolling deletes
 * @param hosts selected Nodes that host at least one selected DPU ({@code total} of the rolling update)
 * @param maxUnavailable hosts that may be unavailable at once (0 when no rolling update runs)
 * @param unavailableHosts hosts unavailable after this pass's rolling deletes
 */
public record DpuSetPlan(
    String specError,
    Map<String, Desired> desired,
    List<BuildError> buildErrors,
    List<DPU> toCreate,
    List<DPU> stale,
    Map<String, Map<String, String>> labelSync,
    List<DPU> rollingDeletes,
    String strategyError,
    int hosts,
    int maxUnavailable,
    int unavailableHosts) {

  /** One desired DPU: DPU {@code index} of Node {@code node}. */
  public record Desired(String node, int index, DPU dpu) {}

  /** A selected DPU that cannot be built; {@code message} is upstream's error text. */
  public record BuildError(String node, int index, String message) {}

  static DpuSetPlan invalid(String specError) {
    return new DpuSetPlan(specError, Map.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), null, 0, 0, 0);
  }
}
