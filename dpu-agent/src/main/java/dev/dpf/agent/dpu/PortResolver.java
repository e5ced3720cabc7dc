package dev.dpf.agent.dpu;

import dev.dpf.agent.ovs.OvsState;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.InterfaceType;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.common.status.StatusConditions;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Resolves a chain port to an OpenFlow port number (reference §3.8 with the later-release checks): matchLabels →
 * exactly one ServiceInterface of the chain's namespace on this node → its {@code dpf-id} (for service interfaces
 * {@code <podNs>/<podName>/<interfaceName>} of the one pod of the service on this node) → the OVS Interface with that
 * {@code external_ids:dpf-id} on br-sfc, or the HBN patch port {@code p<interface>brsfc} → its ofport.
 */
public final class PortResolver {

  /** Read access to the informer caches. */
  public interface Lookup {
    /** ServiceInterfaces of the namespace whose {@code spec.node} is this node. */
    List<ServiceInterface> interfaces(String namespace);

    /** Pods of the namespace on this node with the label {@code svc.dpu.nvidia.com/service=<serviceId>}. */
    List<Pod> servicePods(String namespace, String serviceId);
  }

  /** A resolved port or why it could not be resolved. */
  public record Result(ChainFlows.Port port, String error) {
    static Result failed(String error) {
      return new Result(null, error);
    }
  }

  private final String node;
  private final String bridge;

  public PortResolver(String node, String bridge) {
    this.node = node;
    this.bridge = bridge;
  }

  public Result resolve(String namespace, Map<String, String> matchLabels, Lookup lookup, OvsState ovs) {
    Map<String, String> labels = matchLabels == null ? Map.of() : matchLabels;
    List<ServiceInterface> matching = lookup.interfaces(namespace).stream()
        .filter(si -> node.equals(si.getSpec() == null ? null : si.getSpec().getNode()))
        .filter(si -> matches(si.getMetadata().getLabels(), labels))
        .toList();
    if (matching.isEmpty()) {
      return Result.failed("no serviceInterface in namespace(" + namespace + ") matching labels(" + goMap(labels)
          + ") on node(" + node + ") found");
    }
    if (matching.size() > 1) {
      return Result.failed("expected only one serviceInterface in namespace(" + namespace + ") to match labels("
          + goMap(labels) + ") on node(" + node + "). found " + matching.size());
    }
    ServiceInterface si = matching.get(0);
    String name = si.getMetadata().getName();
    if (si.getSpec().virtualNetwork() != null) {
      return Result.failed("serviceInterface " + name + " in namespace (" + namespace
          + ") has a virtual network, cannot be chained on " + bridge + " bridge");
    }
    if (!StatusConditions.isTrue(si.getStatus(), Conditions.READY)) {
      String why = StatusConditions.find(si.getStatus(), Conditions.READY).map(c -> c.getMessage())
          .filter(m -> m != null && !m.isEmpty()).orElse("Ready condition is not True");
      return Result.failed("serviceInterface " + name + " in namespace (" + namespace + ") is not ready: " + why);
    }
    boolean customFlows = false;
    String dpfId;
    if (si.getSpec().getInterfaceType() == InterfaceType.SERVICE) {
      String serviceId = si.getSpec().getService().getServiceID();
      Map<String, String> podLabels = Map.of(ChainLabels.SERVICE, serviceId);
      List<Pod> pods = lookup.servicePods(namespace, serviceId).stream()
          .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
          .filter(p -> p.getStatus() == null || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
          .toList();
      if (pods.isEmpty()) {
        return Result.failed("no pod in namespace(" + namespace + ") matching labels(" + goMap(podLabels)
            + ") on node(" + node + ") found");
      }
      if (pods.size() > 1) {
        return Result.failed("expected only one pod in namespace(" + namespace + ") to match labels("
            + goMap(podLabels) + ") on node(" + node + "). found " + pods.size());
      }
      String ifName = si.getSpec().getService().getInterfaceName();
      if (ifName == null || ifName.isEmpty()) {
        return Result.failed("serviceInterface " + name + " in namespace (" + namespace
            + ") has an empty service.interfaceName");
      }
      Pod pod = pods.get(0);
      dpfId = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + "/" + ifName;
      Map<String, String> pl = pod.getMetadata().getLabels();
      customFlows = pl != null && ChainLabels.CUSTOM_FLOWS_FIREFLY.equals(pl.get(ChainLabels.CUSTOM_FLOWS));
    } else {
      dpfId = PortPlan.dpfId(si);
    }
    boolean physical = si.getSpec().getInterfaceType() == InterfaceType.PHYSICAL;
    Result found = ofport(dpfId, ovs);
    return found.error() != null ? found
        : new Result(new ChainFlows.Port(found.port().ofport(), physical, customFlows), null);
  }

  private Result ofport(String dpfId, OvsState ovs) {
    List<OvsState.Interface> found = ovs.interfacesWithExternalId(ChainLabels.OVS_DPF_ID, dpfId);
    String ids = "map[" + ChainLabels.OVS_DPF_ID + ":" + dpfId + "]";
    if (found.isEmpty()) {
      return Result.failed("failed to find matching interface with external_ids :" + ids);
    }
    if (found.size() > 2) {
      return Result.failed("expected at most two interfaces with external_ids :" + ids + ", found "
          + found.size());
    }
    for (OvsState.Interface iface : found) {
      Optional<OvsState.Port> port = ovs.portOf(iface);
      if (port.isPresent() && ovs.hasPort(bridge, port.get().name())) {
        return valid(iface);
      }
    }
    OvsState.Interface iface = found.get(0);
    String patch = "p" + iface.name() + PortPlan.strip(bridge);
    Optional<OvsState.Interface> hbn = ovs.portsOf(bridge).stream().filter(p -> p.name().equals(patch))
        .flatMap(p -> ovs.interfacesOf(p).stream()).findFirst();
    if (hbn.isEmpty()) {
      return Result.failed("port " + iface.name() + " or " + patch + " not found in " + bridge);
    }
    return valid(hbn.get());
  }

  private static Result valid(OvsState.Interface iface) {
    if (iface.ofport() == null || iface.ofport() <= 0) {
      return Result.failed("interface " + iface.name() + " has no OpenFlow port number"
          + (iface.ofport() == null ? " yet" : " (" + iface.ofport() + ")")
          + (iface.error() == null || iface.error().isEmpty() ? "" : ": " + iface.error()));
    }
    return new Result(ChainFlows.Port.of(iface.ofport()), null);
  }

  static boolean matches(Map<String, String> labels, Map<String, String> selector) {
    Map<String, String> have = labels == null ? Map.of() : labels;
    return selector.entrySet().stream().allMatch(e -> Objects.equals(have.get(e.getKey()), e.getValue()));
  }

  /** A map as Go's {@code %v} prints it: {@code map[a:1 b:2]} with sorted keys. */
  static String goMap(Map<String, String> map) {
    return new TreeMap<>(map).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(" ", "map[", "]"));
  }
}
