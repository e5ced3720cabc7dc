package dev.dpf.agent.dpu;

import java.time.Duration;
import java.util.Set;

/**
 * Settings of the DPU-mode agent beyond the node name and the OVS sockets.
 *
 * @param bridge the service-function-chaining bridge ({@code br-sfc})
 * @param representorInterfaceType OVS Interface type of physical/pf/vf ports ({@code dpdk} on a BlueField; {@code ""}
 *     = a kernel netdev, used in tests)
 * @param pipeline the flow layout (the later two-table pipeline by default)
 * @param staleRemovalPeriod how often stale flows and ports are swept ({@code --stale-flows-removal-period}, 1 min)
 * @param resyncPeriod every object is reconciled at least this often ({@code --sync-period}, 10 min)
 * @param watchNamespaces namespaces to watch; empty = all (upstream watches cluster-wide)
 */
public record AgentConfig(String bridge, String representorInterfaceType, FlowPipeline pipeline,
    Duration staleRemovalPeriod, Duration resyncPeriod, Set<String> watchNamespaces) {

  public static final String DEFAULT_BRIDGE = "br-sfc";

  public static AgentConfig defaults() {
    return new AgentConfig(DEFAULT_BRIDGE, "dpdk", FlowPipeline.TWO_TABLE, Duration.ofMinutes(1),
        Duration.ofMinutes(10), Set.of());
  }

  public AgentConfig withRepresentorInterfaceType(String type) {
    return new AgentConfig(bridge, type, pipeline, staleRemovalPeriod, resyncPeriod, watchNamespaces);
  }

  public AgentConfig withPipeline(FlowPipeline p) {
    return new AgentConfig(bridge, representorInterfaceType, p, staleRemovalPeriod, resyncPeriod, watchNamespaces);
  }

  public AgentConfig withStaleRemovalPeriod(Duration d) {
    return new AgentConfig(bridge, representorInterfaceType, pipeline, d, resyncPeriod, watchNamespaces);
  }

  public AgentConfig withWatchNamespaces(Set<String> namespaces) {
    return new AgentConfig(bridge, representorInterfaceType, pipeline, staleRemovalPeriod, resyncPeriod,
        Set.copyOf(namespaces));
  }
}
