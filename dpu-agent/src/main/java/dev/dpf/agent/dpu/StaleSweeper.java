package dev.dpf.agent.dpu;

import dev.dpf.agent.ovs.OfFlow;
import dev.dpf.agent.ovs.Ovs;
import dev.dpf.agent.ovs.OvsException;
import dev.dpf.agent.ovs.OvsState;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic removal of what no object owns any more (reference §3.10): flows of br-sfc whose cookie is not the cookie
 * of a ServiceChain of this node (cookie 0 included: br-sfc is DPF's alone), and ports of br-sfc that no
 * ServiceInterface of this node wants, except CNI-created ports ({@code owner=ovs-cni.network.kubevirt.io}), ports
 * marked {@code dpf-type=physical} and the bridge's own internal port. OVS is read before the caches, so an object
 * created during a sweep is never swept. The port sweep is skipped when a desired port name cannot be computed.
 */
final class StaleSweeper implements Runnable {

  static final String CNI_OWNER_KEY = "owner";
  static final String CNI_OWNER = "ovs-cni.network.kubevirt.io";

  private static final Logger LOG = LoggerFactory.getLogger(StaleSweeper.class);

  private final Ovs ovs;
  private final AgentConfig config;
  private final Supplier<Stream<ServiceChain>> chains;
  private final Supplier<Stream<ServiceInterface>> interfaces;

  StaleSweeper(Ovs ovs, AgentConfig config, Supplier<Stream<ServiceChain>> chains,
      Supplier<Stream<ServiceInterface>> interfaces) {
    this.ovs = ovs;
    this.config = config;
    this.chains = chains;
    this.interfaces = interfaces;
  }

  @Override
  public void run() {
    try {
      sweepFlows();
      sweepPorts();
    } catch (OvsException | RuntimeException e) {
      LOG.atWarn().addKeyValue("error", e.getMessage()).log("stale object removal failed; retrying next period");
    }
  }

  /** Deletes flows of unknown cookies; returns the cookies deleted. */
  Set<Long> sweepFlows() throws OvsException {
    Set<Long> current = new HashSet<>();
    for (OfFlow flow : ovs.dumpFlows(config.bridge())) {
      current.add(flow.cookie());
    }
    chains.get().forEach(c -> current.remove(Fnv.chainCookie(c.getMetadata().getNamespace(),
        c.getMetadata().getName())));
    if (!current.isEmpty()) {
      LOG.atInfo().addKeyValue("cookies", current.stream().map(OfFlow::cookieHex).toList())
          .log("deleting stale flows");
      ovs.deleteFlows(config.bridge(), current);
    }
    return current;
  }

  /** Deletes ports no ServiceInterface wants; returns their names. */
  Set<String> sweepPorts() throws OvsException {
    OvsState state = ovs.state();
    Set<String> stale = new TreeSet<>();
    for (OvsState.Port port : state.portsOf(config.bridge())) {
      if (port.name().equals(config.bridge())
          || CNI_OWNER.equals(port.externalIds().get(CNI_OWNER_KEY))
          || port.externalIds().containsKey(InterfacePorts.DPF_TYPE)) {
        continue;
      }
      stale.add(port.name());
    }
    List<ServiceInterface> wanted = interfaces.get().toList();
    for (ServiceInterface si : wanted) {
      try {
        PortPlan.of(si, config.bridge(), config.representorInterfaceType()).ifPresent(p -> stale.remove(p.port()));
      } catch (IllegalArgumentException e) {
        LOG.atWarn().addKeyValue("serviceInterface", ServiceInterfaceReconciler.key(si))
            .addKeyValue("error", e.getMessage()).log("port name unknown; skipping the stale port sweep");
        return Set.of();
      }
    }
    for (String port : stale) {
      LOG.atInfo().addKeyValue("port", port).log("deleting stale port");
      ovs.deletePort(config.bridge(), port);
    }
    return stale;
  }
}
