package dev.dpf.demo;

import dev.dpf.dpusim.SysfsTree;
import dev.dpf.agent.Agent;
import dev.dpf.agent.AgentOptions;
import dev.dpf.agent.host.HostMode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host networking of the simulated hosts. Real mode (root and {@code ip netns} available): per host a network
 * namespace with {@code br-dpu} (the host's address on it), a per-host sysfs tree, a stand-in for the mlx5 driver
 * that creates VF0 (a veth in the namespace) once the agent enables VFs, and the REAL host agent
 * ({@code dpu-agent --mode=host}, in-process) configuring it. Otherwise {@link HostNetworkStandIn} writes the
 * agent's condition.
 */
final class HostNetworks {

  /** Prefix of the namespaces the demo creates: {@code dpfdemo-<pid>-<host index>}. */
  static final String NETNS_PREFIX = "dpfdemo-";

  private static final Logger LOG = LoggerFactory.getLogger(HostNetworks.class);

  private HostNetworks() {}

  /** Why real host networking is not possible here, or null when it is. */
  static String realUnavailableReason() {
    Exec.Result id = Exec.run("id", "-u");
    if (!id.ok() || !"0".equals(id.output().trim())) {
      return "not running as root";
    }
    Exec.Result ip = Exec.run("ip", "netns", "list");
    if (!ip.ok()) {
      return "`ip netns` is not available (" + ip.output().trim() + ")";
    }
    String probe = NETNS_PREFIX + ProcessHandle.current().pid() + "-probe";
    Exec.Result add = Exec.run("ip", "netns", "add", probe);
    if (!add.ok()) {
      return "`ip netns add` is not permitted (" + add.output().trim() + ")";
    }
    Exec.run("ip", "netns", "del", probe);
    return null;
  }

  /** Deletes namespaces left behind by demo runs whose process is gone (a killed JVM cannot clean up). */
  static List<String> removeStaleNamespaces() {
    List<String> removed = new ArrayList<>();
    Exec.Result list = Exec.run("ip", "netns", "list");
    if (!list.ok()) {
      return removed;
    }
    for (String line : list.output().split("\n")) {
      String name = line.trim().split("\\s+")[0];
      if (!name.startsWith(NETNS_PREFIX)) {
        continue;
      }
      String[] parts = name.substring(NETNS_PREFIX.length()).split("-");
      try {
        long pid = Long.parseLong(parts[0]);
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
      } catch (NumberFormatException e) {
        continue;
      }
      if (Exec.run("ip", "netns", "del", name).ok()) {
        removed.add(name);
      }
    }
    return removed;
  }

  /** One simulated host with real networking and the real agent. */
  static final class RealHost implements AutoCloseable {
    static final String PF1 = "ens1f1np1";
    static final String VF0 = "ens1f0v0";

    final String node;
    final String netns;
    final SysfsTree sysfs;
    private WatchService watcher;
    private Thread driver;
    private Agent agent;

    private RealHost(String node, String netns, SysfsTree sysfs) {
      this.node = node;
      this.netns = netns;
      this.sysfs = sysfs;
    }

    /**
     * Builds the host (namespace, {@code br-dpu} with the host's address unless {@code bridge} is false, sysfs) and
     * starts its agent with {@code client}. On failure everything built so far is removed.
     */
    static RealHost start(KubernetesClient client, String namespace, int index, Path dir, boolean bridge) {
      String node = HostNodes.name(index);
      String netns = NETNS_PREFIX + ProcessHandle.current().pid() + "-" + index;
      RealHost host = new RealHost(node, netns,
          SimulatedSysfs.create(dir.resolve("sys"), HostNodes.PF0, PF1));
      try {
        Exec.check("ip", "netns", "add", netns);
        ip(netns, "link", "set", "lo", "up");
        if (bridge) {
          ip(netns, "link", "add", "br-dpu", "type", "bridge");
          ip(netns, "addr", "add", HostNodes.internalIp(index) + "/24", "dev", "br-dpu");
          ip(netns, "link", "set", "br-dpu", "up");
        }
        host.startDriver();
        host.agent = Agent.start(client, AgentOptions.host(node)
            .withSysfsRoot(host.sysfs.root())
            .withNetns(netns)
            .withWatchNamespaces(Set.of(namespace))
            .withOperatorConfigNamespace(namespace)
            .withResyncPeriod(Duration.ofSeconds(60))
            .withHealthBindAddress(null), new HostMode());
        return host;
      } catch (Exception e) {
        host.close();
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    }

    /**
     * Stand-in for the mlx5 driver: when the agent writes {@code sriov_numvfs} of PF0, VF0 appears (a veth in the
     * host's namespace, its peer standing for the DPU side) and sysfs lists it. Woken by inotify, not polled.
     */
    private void startDriver() {
      try {
        watcher = FileSystems.getDefault().newWatchService();
        sysfs.device(SimulatedSysfs.PF0_ADDRESS).register(watcher, StandardWatchEventKinds.ENTRY_MODIFY);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      driver = new Thread(() -> {
        try {
          while (true) {
            var key = watcher.take();
            key.pollEvents();
            key.reset();
            enableVfs();
          }
        } catch (ClosedWatchServiceException | InterruptedException e) {
          // stopping
        }
      }, "driver-" + node);
      driver.setDaemon(true);
      driver.start();
    }

    private synchronized void enableVfs() {
      if (sysfs.numVfs(SimulatedSysfs.PF0_ADDRESS) > 0 && !sysfs.hasVf(SimulatedSysfs.PF0_ADDRESS, 0)) {
        Exec.Result r = Exec.run("ip", "-n", netns, "link", "add", VF0, "type", "veth", "peer", "name", VF0 + "-dpu");
        if (!r.ok()) {
          LOG.atWarn().addKeyValue("node", node).addKeyValue("error", r.output().trim()).log("cannot create VF0");
          return;
        }
        ip(netns, "link", "set", VF0 + "-dpu", "up");
        sysfs.vf(SimulatedSysfs.PF0_ADDRESS, 0, SimulatedSysfs.VF0_ADDRESS, VF0);
        LOG.atInfo().addKeyValue("node", node).log("VFs enabled: VF0 " + VF0 + " created (driver stand-in)");
      }
    }

    private static void ip(String netns, String... args) {
      List<String> line = new ArrayList<>(List.of("ip", "-n", netns));
      line.addAll(List.of(args));
      Exec.check(line.toArray(String[]::new));
    }

    /** {@code ip -n <ns> -d link show dev br-dpu} etc., for the summary. */
    String show(String... args) {
      List<String> line = new ArrayList<>(List.of("ip", "-n", netns));
      line.addAll(List.of(args));
      return Exec.run(line).output();
    }

    @Override
    public void close() {
      if (agent != null) {
        agent.close();
      }
      if (watcher != null) {
        try {
          watcher.close();
        } catch (IOException e) {
          // ignore
        }
      }
      if (driver != null) {
        driver.interrupt();
      }
      Exec.run("ip", "netns", "del", netns);
    }
  }
}
