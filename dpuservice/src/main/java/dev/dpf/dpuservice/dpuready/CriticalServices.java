package dev.dpf.dpuservice.dpuready;

import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.dpuservice.dpuservice.NodeSelectors;
import dev.dpf.dpuservice.dpuservice.ServiceIds;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the critical DPUServices run on the DPUs of one host (reference 11.2). Pure.
 *
 * <p>A service is expected on a DPU unless its {@code serviceDaemonSet.nodeSelector} does not select the DPU's node
 * in the DPU cluster; where expected, a pod labelled {@code svc.dpu.nvidia.com/service=<service ID>} must be on that
 * node, not being deleted, {@code Running} and {@code Ready}. A DPU whose node is missing from its cluster runs
 * nothing. The host is ready when every critical service is ready on every DPU where it is expected.
 */
public final class CriticalServices {

  /** One DPU of the host: its name (= its node's name in the DPU cluster), that node (null if absent), its pods. */
  public record Dpu(String name, Node node, List<Pod> pods) {}

  /** The outcome, with what is missing as {@code <namespace>/<service> on <dpu>}. */
  public record Verdict(boolean ready, List<String> notReady) {}

  private CriticalServices() {}

  /** The DPUServices that count: labelled critical, DPU-targeted and not being deleted. */
  public static boolean counts(DPUService service) {
    return service.critical() && !service.deploysInCluster() && service.getMetadata().getDeletionTimestamp() == null;
  }

  public static Verdict evaluate(List<DPUService> critical, List<Dpu> dpus) {
    List<String> notReady = new ArrayList<>();
    for (DPUService service : critical) {
      String id = serviceId(service);
      NodeSelector selector = service.getSpec() == null || service.getSpec().getServiceDaemonSet() == null ? null
          : service.getSpec().getServiceDaemonSet().getNodeSelector();
      for (Dpu dpu : dpus) {
        if (dpu.node() != null
            && !NodeSelectors.matches(selector, dpu.name(), dpu.node().getMetadata().getLabels())) {
          continue; // not expected on this DPU
        }
        boolean running = dpu.node() != null && dpu.pods().stream()
            .filter(p -> id.equals(label(p, ServiceLabels.SERVICE)))
            .filter(p -> dpu.name().equals(p.getSpec().getNodeName()))
            .anyMatch(PodReadiness::runningAndReady);
        if (!running) {
          notReady.add(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName() + " on "
              + dpu.name());
        }
      }
    }
    return new Verdict(notReady.isEmpty(), notReady);
  }

  /** {@code status.serviceID}, or the effective ID when the DPUService controller has not written it yet. */
  static String serviceId(DPUService service) {
    if (service.getStatus() != null && service.getStatus().getServiceID() != null
        && !service.getStatus().getServiceID().isEmpty()) {
      return service.getStatus().getServiceID();
    }
    return ServiceIds.effective(service);
  }

  private static String label(Pod pod, String key) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
