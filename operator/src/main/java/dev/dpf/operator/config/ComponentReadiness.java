package dev.dpf.operator.config;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.common.status.StatusConditions;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Readiness of the enabled components (reference §4.7) and the pre-upgrade validators (§4.10). Pure: the objects come
 * from the informer caches.
 *
 * <ul>
 *   <li>a DPU-side component is ready when its DPUService has {@code Ready=True}
 *       ({@code DPUService <ns>/<name> is not ready});</li>
 *   <li>{@code provisioning-controller}: the host agent DaemonSet has observed its generation and every scheduled
 *       pod is updated and ready ({@code DaemonSet <ns>/<name> has <r> numberReady, want <n>}); with no DPU host
 *       there is nothing to run and it is ready;</li>
 *   <li>the other in-process components are ready while the operator runs (this code runs in the same process).</li>
 * </ul>
 */
public final class ComponentReadiness {

  private ComponentReadiness() {}

  /** The not-ready components as {@code <component>: <reason>}, in inventory order. */
  public static List<String> notReady(Variables v, Function<String, DPUService> dpuServices,
      Function<String, DaemonSet> daemonSets) {
    List<String> out = new ArrayList<>();
    for (String component : OperatorLabels.COMPONENTS) {
      if (!v.enabled(component)) {
        continue;
      }
      problem(component, v, dpuServices, daemonSets).ifPresent(p -> out.add(component + ": " + p));
    }
    return out;
  }

  private static Optional<String> problem(String component, Variables v, Function<String, DPUService> dpuServices,
      Function<String, DaemonSet> daemonSets) {
    String ns = v.namespace();
    if (OperatorLabels.DPUSERVICE_COMPONENTS.contains(component)) {
      DPUService service = dpuServices.apply(component);
      if (service != null && StatusConditions.isTrue(service.getStatus(), Conditions.READY)) {
        return Optional.empty();
      }
      return Optional.of("DPUService " + ns + "/" + component + " is not ready");
    }
    if (OperatorLabels.PROVISIONING_CONTROLLER.equals(component)) {
      return daemonSet(ns, HostAgent.NAME, daemonSets.apply(HostAgent.NAME));
    }
    return Optional.empty();
  }

  /** The DaemonSet rule; empty when ready. */
  static Optional<String> daemonSet(String ns, String name, DaemonSet ds) {
    if (ds == null) {
      return Optional.of("DaemonSet " + ns + "/" + name + " does not exist");
    }
    DaemonSetStatus s = ds.getStatus();
    Long generation = ds.getMetadata().getGeneration();
    if (s == null || s.getObservedGeneration() == null
        || (generation != null && s.getObservedGeneration() < generation)) {
      return Optional.of("DaemonSet " + ns + "/" + name + " has not been observed yet");
    }
    int desired = value(s.getDesiredNumberScheduled());
    int ready = value(s.getNumberReady());
    int updated = value(s.getUpdatedNumberScheduled());
    if (ready < desired) {
      return Optional.of("DaemonSet " + ns + "/" + name + " has " + ready + " numberReady, want " + desired);
    }
    if (updated < desired) {
      return Optional.of("DaemonSet " + ns + "/" + name + " has " + updated + " updatedNumberScheduled, want "
          + desired);
    }
    return Optional.empty();
  }

  /** {@code System components are not ready: <name>: <err>, <name>: <err>} (v24.10 wording). */
  public static String message(List<String> notReady) {
    return "System components are not ready: " + String.join(", ", notReady);
  }

  /**
   * The pre-upgrade validators of this implementation: {@code System Components} (every enabled component ready) and
   * {@code DPU State} (every DPU of the namespace in phase Ready or Error). Empty when all pass, else the condition
   * message {@code Validation must pass for DPF upgrade to continue:\n<validator>:\n  <error>...}.
   */
  public static Optional<String> upgradeValidation(List<String> notReady, Collection<DPU> dpus) {
    StringBuilder out = new StringBuilder();
    if (!notReady.isEmpty()) {
      out.append("\nSystem Components:");
      notReady.forEach(p -> out.append("\n  ").append(p));
    }
    List<String> dpuErrors = new ArrayList<>();
    dpus.stream().sorted(java.util.Comparator.comparing(d -> d.getMetadata().getName())).forEach(d -> {
      DPUPhase phase = d.getStatus() == null ? null : d.getStatus().getPhase();
      if (phase != DPUPhase.READY && phase != DPUPhase.ERROR) {
        dpuErrors.add("DPU " + d.getMetadata().getName() + " is not ready");
      }
    });
    if (!dpuErrors.isEmpty()) {
      out.append("\nDPU State:");
      dpuErrors.forEach(p -> out.append("\n  ").append(p));
    }
    return out.length() == 0 ? Optional.empty()
        : Optional.of("Validation must pass for DPF upgrade to continue:" + out);
  }

  private static int value(Integer i) {
    return i == null ? 0 : i;
  }
}
