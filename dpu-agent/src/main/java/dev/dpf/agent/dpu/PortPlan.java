package dev.dpf.agent.dpu;

import dev.dpf.api.svc.v1alpha1.InterfaceType;
import dev.dpf.api.svc.v1alpha1.OVN;
import dev.dpf.api.svc.v1alpha1.Patch;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSpec;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OVS port(s) a ServiceInterface owns on this node (reference §3.7):
 * <ul>
 *   <li>physical: {@code spec.physical.interfaceName}, representor type, Port {@code dpf-type=physical};</li>
 *   <li>pf: {@code pf<pfID>hpf}; vf: {@code pf<pfID>vf<vfID>} (representor type);</li>
 *   <li>ovn: patch pair {@code puplinkbrsfctobrovn} (br-sfc) / {@code puplinkbrovntobrsfc} (external bridge,
 *       {@code br-ovn} unless {@code spec.ovn.externalBridge});</li>
 *   <li>patch: {@code p_brsfc_to_<peer>_<fnv32>} / {@code p_<peer>_to_brsfc_<fnv32>} (bridge names without hyphens,
 *       8-hex FNV-1a-32 of {@code <ns>/<name>}); with {@code peerPatchName}: {@code p_brsfc_to_<peerPatchName>} /
 *       {@code <peerPatchName>};</li>
 *   <li>service (the CNI creates the port) and vlan (not implemented upstream): none.</li>
 * </ul>
 *
 * @param port the port on br-sfc; its Interface carries {@code dpf-id}
 * @param type the Interface type of {@code port}
 * @param physical whether the Port is marked {@code dpf-type=physical}
 * @param peerBridge for patch pairs: the other bridge, else null
 * @param peerPort for patch pairs: the port on the other bridge
 * @param peerExternalIds extra external_ids of the peer Interface (besides dpf-id)
 */
public record PortPlan(String port, String type, boolean physical, String peerBridge, String peerPort,
    Map<String, String> peerExternalIds) {

  public static final String PATCH = "patch";

  public boolean isPatchPair() {
    return peerBridge != null;
  }

  /** The plan of an interface, empty for types without an agent-created port (service, vlan). */
  public static Optional<PortPlan> of(ServiceInterface si, String bridge, String representorType) {
    ServiceInterfaceSpec spec = si.getSpec();
    if (spec == null || spec.getInterfaceType() == null) {
      throw new IllegalArgumentException("spec.interfaceType is not set");
    }
    InterfaceType type = spec.getInterfaceType();
    if (!spec.requiredMemberPresent()) {
      throw new IllegalArgumentException("for interfaceType=" + type.value() + ", " + type.value() + " must be set");
    }
    String sfc = strip(bridge);
    return switch (type) {
      case PHYSICAL -> {
        String name = spec.getPhysical().getInterfaceName();
        if (name == null || name.isEmpty()) {
          throw new IllegalArgumentException("spec.physical.interfaceName is empty");
        }
        yield Optional.of(new PortPlan(name, representorType, true, null, null, Map.of()));
      }
      case PF -> Optional.of(new PortPlan("pf" + required(spec.getPf().getPfID(), "pf.pfID") + "hpf",
          representorType, false, null, null, Map.of()));
      case VF -> Optional.of(new PortPlan("pf" + required(spec.getVf().getPfID(), "vf.pfID") + "vf"
          + required(spec.getVf().getVfID(), "vf.vfID"), representorType, false, null, null, Map.of()));
      case OVN -> {
        String peer = spec.getOvn() == null ? OVN.DEFAULT_EXTERNAL_BRIDGE : spec.getOvn().effectiveExternalBridge();
        yield Optional.of(new PortPlan("puplink" + sfc + "to" + strip(peer), PATCH, false, peer,
            "puplink" + strip(peer) + "to" + sfc, Map.of()));
      }
      case PATCH -> {
        Patch patch = spec.getPatch();
        String peer = patch.getPeerBridge();
        if (peer == null || peer.isEmpty()) {
          throw new IllegalArgumentException("spec.patch.peerBridge is empty");
        }
        Map<String, String> extra = patch.getPeerExternalIDs() == null ? Map.of() : patch.getPeerExternalIDs();
        if (extra.containsKey(dev.dpf.api.svc.v1alpha1.ChainLabels.OVS_DPF_ID)) {
          throw new IllegalArgumentException("spec.patch.peerExternalIDs must not contain the reserved key dpf-id");
        }
        String named = patch.getPeerPatchName();
        if (named != null && !named.isEmpty()) {
          yield Optional.of(new PortPlan("p_" + sfc + "_to_" + named, PATCH, false, peer, named, extra));
        }
        String hash = String.format(Locale.ROOT, "%08x", Fnv.fnv1a32(dpfId(si)));
        yield Optional.of(new PortPlan("p_" + sfc + "_to_" + strip(peer) + "_" + hash, PATCH, false, peer,
            "p_" + strip(peer) + "_to_" + sfc + "_" + hash, extra));
      }
      case SERVICE, VLAN -> Optional.empty();
    };
  }

  /** The {@code dpf-id} of an agent-created interface: {@code <namespace>/<name>}. */
  public static String dpfId(ServiceInterface si) {
    return si.getMetadata().getNamespace() + "/" + si.getMetadata().getName();
  }

  static String strip(String bridge) {
    return bridge.replace("-", "");
  }

  private static int required(Integer value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("spec." + field + " is not set");
    }
    return value;
  }
}
