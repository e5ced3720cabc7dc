package dev.dpf.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Process-wide settings of the node agent, from flags and environment ({@link AgentMain}).
 *
 * @param mode {@code host} (x86 host: VFs, br-dpu) or {@code dpu} (on the DPU)
 * @param nodeName the Kubernetes Node the agent runs on (downward API {@code spec.nodeName})
 * @param watchNamespaces namespaces of the DPUs to serve; empty means all
 * @param operatorConfigNamespace namespace of the DPFOperatorConfig; empty means all namespaces (upstream looks
 *     cluster-wide and requires exactly one)
 * @param sysfsRoot root of sysfs ({@code /sys}; a temporary tree in tests)
 * @param netns network namespace for {@code ip} commands ({@code ip -n}); empty means the agent's own
 * @param ipCommand the iproute2 {@code ip} binary
 * @param commandTimeout upper bound of one {@code ip} command
 * @param resyncPeriod periodic re-check of a configured DPU (drift on the host that no watch reports)
 * @param healthBindAddress {@code host:port} of /healthz and /readyz; null for none
 */
public record AgentOptions(
    String mode,
    String nodeName,
    Set<String> watchNamespaces,
    String operatorConfigNamespace,
    Path sysfsRoot,
    String netns,
    String ipCommand,
    Duration commandTimeout,
    Duration resyncPeriod,
    String healthBindAddress) {

  public static final String MODE_HOST = "host";
  public static final String MODE_DPU = "dpu";

  public AgentOptions {
    watchNamespaces = Set.copyOf(watchNamespaces);
    operatorConfigNamespace = operatorConfigNamespace == null ? "" : operatorConfigNamespace;
    netns = netns == null ? "" : netns;
  }

  /** Host mode on {@code nodeName} with the production defaults. */
  public static AgentOptions host(String nodeName) {
    return new AgentOptions(MODE_HOST, nodeName, Set.of(), "", Path.of("/sys"), "", "ip", Duration.ofSeconds(10),
        Duration.ofSeconds(60), null);
  }

  public AgentOptions withWatchNamespaces(Set<String> namespaces) {
    return new AgentOptions(mode, nodeName, namespaces, operatorConfigNamespace, sysfsRoot, netns, ipCommand,
        commandTimeout, resyncPeriod, healthBindAddress);
  }

  public AgentOptions withOperatorConfigNamespace(String namespace) {
    return new AgentOptions(mode, nodeName, watchNamespaces, namespace, sysfsRoot, netns, ipCommand, commandTimeout,
        resyncPeriod, healthBindAddress);
  }

  public AgentOptions withSysfsRoot(Path root) {
    return new AgentOptions(mode, nodeName, watchNamespaces, operatorConfigNamespace, root, netns, ipCommand,
        commandTimeout, resyncPeriod, healthBindAddress);
  }

  public AgentOptions withNetns(String namespace) {
    return new AgentOptions(mode, nodeName, watchNamespaces, operatorConfigNamespace, sysfsRoot, namespace, ipCommand,
        commandTimeout, resyncPeriod, healthBindAddress);
  }

  public AgentOptions withResyncPeriod(Duration period) {
    return new AgentOptions(mode, nodeName, watchNamespaces, operatorConfigNamespace, sysfsRoot, netns, ipCommand,
        commandTimeout, period, healthBindAddress);
  }

  public AgentOptions withHealthBindAddress(String address) {
    return new AgentOptions(mode, nodeName, watchNamespaces, operatorConfigNamespace, sysfsRoot, netns, ipCommand,
        commandTimeout, resyncPeriod, address);
  }
}
