package dev.dpf.agent.dpu;

import dev.dpf.agent.ovs.Ovs;
import dev.dpf.agent.ovs.OvsException;
import dev.dpf.agent.ovs.OvsState;
import dev.dpf.api.svc.v1alpha1.ChainLabels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Programs the ports of a ServiceInterface ({@link PortPlan}) into OVS and removes them. Reads first and writes only
 * what is missing, so a repeated call changes nothing (and causes no OVSDB change notifications).
 */
final class InterfacePorts {

  /** Key and value of the Port marker that keeps physical ports out of the stale-port sweep. */
  static final String DPF_TYPE = "dpf-type";
  static final String DPF_TYPE_PHYSICAL = "physical";

  private final Ovs ovs;
  private final String bridge;

  InterfacePorts(Ovs ovs, String bridge) {
    this.ovs = ovs;
    this.bridge = bridge;
  }

  void ensure(String dpfId, PortPlan plan) throws OvsException {
    OvsState state = ovs.state();
    if (state.bridge(bridge).isEmpty()) {
      throw new OvsException("bridge " + bridge + " does not exist");
    }
    boolean added = false;
    if (plan.isPatchPair()) {
      if (state.bridge(plan.peerBridge()).isEmpty()) {
        throw new OvsException("peer bridge " + plan.peerBridge() + " does not exist");
      }
      added |= ovs.addPort(plan.peerBridge(), new Ovs.PortSpec(plan.peerPort(), PortPlan.PATCH,
          Map.of("peer", plan.port())));
      added |= ovs.addPort(bridge, new Ovs.PortSpec(plan.port(), PortPlan.PATCH, Map.of("peer", plan.peerPort())));
    } else {
      added |= ovs.addPort(bridge, new Ovs.PortSpec(plan.port(), plan.type(), Map.of()));
    }
    if (added) {
      state = ovs.state();
    }
    OvsState.Port port = state.port(plan.port()).orElseThrow(() -> new OvsException("port " + plan.port()
        + " disappeared"));
    String onBridge = state.bridgeOf(port).map(OvsState.Bridge::name).orElse("none");
    if (!onBridge.equals(bridge)) {
      throw new OvsException("port " + plan.port() + " exists on bridge " + onBridge + ", not on " + bridge);
    }
    OvsState.Interface iface = iface(state, plan.port());
    claim(iface, Map.of(ChainLabels.OVS_DPF_ID, dpfId));
    if (plan.physical() && !port.externalIds().containsKey(DPF_TYPE)) {
      ovs.insertPortExternalIds(plan.port(), Map.of(DPF_TYPE, DPF_TYPE_PHYSICAL));
    }
    if (plan.isPatchPair()) {
      OvsState.Interface peer = iface(state, plan.peerPort());
      if (!plan.peerPort().equals(iface.options().get("peer"))) {
        // an existing port with another peer: point it at ours
        ovs.setInterfaceOptions(plan.port(), Map.of("peer", plan.peerPort()));
      }
      if (!plan.port().equals(peer.options().get("peer"))) {
        ovs.setInterfaceOptions(plan.peerPort(), Map.of("peer", plan.port()));
      }
      Map<String, String> ids = new LinkedHashMap<>(plan.peerExternalIds());
      ids.put(ChainLabels.OVS_DPF_ID, dpfId);
      claim(peer, ids);
    }
  }

  /** Inserts the missing keys; a {@code dpf-id} of another owner is reported, never overwritten. */
  private void claim(OvsState.Interface iface, Map<String, String> ids) throws OvsException {
    String owner = iface.externalIds().get(ChainLabels.OVS_DPF_ID);
    String wanted = ids.get(ChainLabels.OVS_DPF_ID);
    if (owner != null && !owner.equals(wanted)) {
      throw new OvsException("interface " + iface.name() + " already carries external_ids:dpf-id=" + owner
          + " (one ServiceInterface per port; external_ids are never overwritten)");
    }
    Map<String, String> missing = new LinkedHashMap<>();
    ids.forEach((k, v) -> {
      if (!iface.externalIds().containsKey(k)) {
        missing.put(k, v);
      }
    });
    ovs.insertInterfaceExternalIds(iface.name(), missing);
  }

  private static OvsState.Interface iface(OvsState state, String name) throws OvsException {
    Optional<OvsState.Interface> iface = state.iface(name);
    if (iface.isEmpty()) {
      throw new OvsException("port " + name + " has no interface named " + name);
    }
    return iface.get();
  }

  void remove(PortPlan plan) throws OvsException {
    ovs.deletePort(bridge, plan.port());
    if (plan.isPatchPair()) {
      ovs.deletePort(plan.peerBridge(), plan.peerPort());
    }
  }
}
