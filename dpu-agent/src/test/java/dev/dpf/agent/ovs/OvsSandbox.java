package dev.dpf.agent.ovs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Open vSwitch for tests: ovsdb-server and ovs-vswitchd (userspace datapath) started as child processes in a
 * scratch folder with their own unix sockets, database and logs, so nothing touches /var/run/openvswitch. Bridges are
 * created with {@code datapath_type=netdev} (there is no kernel module here). When network namespaces can be
 * created (root), ovs-vswitchd runs in its own namespace ({@link #netns()}), so the kernel devices it creates
 * (bridge tap devices such as {@code br-sfc}, test veths) never collide with another OVS on the machine. Stopped by
 * {@link #close} and by a shutdown hook.
 */
public final class OvsSandbox implements AutoCloseable {

  static final List<String> BINARIES = List.of("ovsdb-tool", "ovsdb-server", "ovs-vswitchd", "ovs-vsctl", "ovs-ofctl");
  static final Path SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");

  private final Path dir;
  private final String netns;
  private Process ovsdb;
  private Process vswitchd;
  private final Thread hook = new Thread(this::stopQuietly, "ovs-sandbox-stop");

  private OvsSandbox(Path dir, String netns) {
    this.dir = dir;
    this.netns = netns;
  }

  /** Why OVS cannot run here, or null when it can. */
  public static String unavailableReason() {
    for (String binary : BINARIES) {
      if (which(binary) == null) {
        return "Open vSwitch binary " + binary + " not found (apt-get install openvswitch-switch)";
      }
    }
    if (!Files.exists(SCHEMA)) {
      return "OVSDB schema " + SCHEMA + " not found (apt-get install openvswitch-switch)";
    }
    return null;
  }

  public static String which(String binary) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
        return Path.of(d, binary).toString();
      }
    }
    for (String d : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      if (Files.isExecutable(Path.of(d, binary))) {
        return Path.of(d, binary).toString();
      }
    }
    return null;
  }

  public static OvsSandbox start() {
    try {
      Path dir = Files.createTempDirectory("dpf-ovs-");
      OvsSandbox sandbox = new OvsSandbox(dir, createNetns("dpfovs" + Long.toString(System.nanoTime() % 1_000_000_000L, 36)));
      Runtime.getRuntime().addShutdownHook(sandbox.hook);
      run(sandbox.env(), "ovsdb-tool", "create", sandbox.dir.resolve("conf.db").toString(), SCHEMA.toString());
      sandbox.startOvsdb();
      sandbox.startVswitchd();
      return sandbox;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** The network namespace ovs-vswitchd runs in, or null when it runs in the test's namespace. */
  public String netns() {
    return netns;
  }

  /** Runs {@code ip} in the namespace of ovs-vswitchd (where ports must be created to be attached). */
  public String ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    if (netns != null) {
      command.addAll(List.of("-n", netns));
    }
    command.addAll(List.of(args));
    return run(Map.of(), command.toArray(String[]::new));
  }

  private static String createNetns(String name) {
    if (which("ip") == null) {
      return null;
    }
    try {
      run(Map.of(), "ip", "netns", "add", name);
      run(Map.of(), "ip", "-n", name, "link", "set", "lo", "up");
      return name;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Settings for the agent's {@link OvsClient}: this sandbox's sockets. */
  public OvsSettings settings() {
    return new OvsSettings(dir.resolve("db.sock"), dir, which("ovs-ofctl"), Duration.ofSeconds(5));
  }

  public synchronized void startOvsdb() {
    deleteIfExists(dir.resolve("db.sock"));
    ovsdb = daemon("ovsdb-server", dir.resolve("conf.db").toString(), "--remote=punix:" + dir.resolve("db.sock"),
        "--unixctl=" + dir.resolve("ovsdb-server.ctl"), "--log-file=" + dir.resolve("ovsdb-server.log"),
        "-vconsole:off");
    awaitFile(dir.resolve("db.sock"), ovsdb);
    vsctl("--no-wait", "init");
  }

  public synchronized void startVswitchd() {
    deleteIfExists(dir.resolve("ovs-vswitchd.ctl"));
    vswitchd = daemon("ovs-vswitchd", "unix:" + dir.resolve("db.sock"),
        "--unixctl=" + dir.resolve("ovs-vswitchd.ctl"), "--log-file=" + dir.resolve("ovs-vswitchd.log"),
        "-vconsole:off");
    awaitFile(dir.resolve("ovs-vswitchd.ctl"), vswitchd);
    // ready when every bridge has its OpenFlow management socket again
    for (String bridge : vsctl("list-br").trim().split("\n")) {
      if (!bridge.isBlank()) {
        awaitFile(dir.resolve(bridge.trim() + ".mgmt"), vswitchd);
      }
    }
  }

  /** Stops ovs-vswitchd (SIGTERM, as a service restart would): every OpenFlow flow is lost. */
  public synchronized void stopVswitchd() {
    stop(vswitchd);
    vswitchd = null;
    deleteIfExists(dir.resolve("ovs-vswitchd.ctl"));
  }

  public synchronized void stopOvsdb() {
    stop(ovsdb);
    ovsdb = null;
    deleteIfExists(dir.resolve("db.sock"));
    deleteIfExists(dir.resolve("ovsdb-server.ctl"));
  }

  /** Restarts ovs-vswitchd: bridges and ports stay in the database, flows are gone. */
  public void restartVswitchd() {
    stopVswitchd();
    startVswitchd();
  }

  /** Restarts both daemons (database file kept), like {@code systemctl restart openvswitch-switch}. */
  public void restartAll() {
    stopVswitchd();
    stopOvsdb();
    startOvsdb();
    startVswitchd();
  }

  /** Starts whichever daemon is not running (after a test that stopped one). */
  public synchronized void ensureRunning() {
    if (ovsdb == null || !ovsdb.isAlive()) {
      stopVswitchd();
      startOvsdb();
    }
    if (vswitchd == null || !vswitchd.isAlive()) {
      startVswitchd();
    }
  }

  /** Deletes every bridge (between tests). */
  public void reset() {
    ensureRunning();
    String bridges = vsctl("list-br").trim();
    if (!bridges.isEmpty()) {
      List<String> args = new ArrayList<>();
      for (String b : bridges.split("\n")) {
        args.addAll(List.of("--", "--if-exists", "del-br", b.trim()));
      }
      vsctl(args.toArray(String[]::new));
    }
  }

  /** Creates a bridge as the DPU flavor script does for br-sfc: userspace datapath, {@code fail_mode=secure}. */
  public void addBridge(String name) {
    vsctl("--may-exist", "add-br", name, "--", "set", "Bridge", name, "datapath_type=netdev", "fail_mode=secure");
  }

  /** Runs ovs-vsctl against this sandbox's database. */
  public String vsctl(String... args) {
    List<String> command = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + dir.resolve("db.sock"),
        "--timeout=10"));
    command.addAll(List.of(args));
    return run(env(), command.toArray(String[]::new));
  }

  /** Runs ovs-ofctl against a bridge's management socket: {@code ofctl("dump-flows", "br-sfc")}. */
  public String ofctl(String subcommand, String bridge, String... args) {
    List<String> command = new ArrayList<>(List.of("ovs-ofctl", "--no-names", subcommand,
        "unix:" + dir.resolve(bridge + ".mgmt")));
    command.addAll(List.of(args));
    return run(env(), command.toArray(String[]::new));
  }

  /** The flows of a bridge without statistics, one per line, sorted. */
  public List<String> flows(String bridge) {
    return Stream.of(ofctl("dump-flows", bridge, "--no-stats").split("\n")).map(String::trim)
        .filter(l -> l.contains("actions=")).sorted().toList();
  }

  private Map<String, String> env() {
    return Map.of("OVS_RUNDIR", dir.toString(), "OVS_LOGDIR", dir.toString(), "OVS_DBDIR", dir.toString(),
        "OVS_SYSCONFDIR", dir.toString());
  }

  private Process daemon(String binary, String... args) {
    List<String> command = new ArrayList<>();
    if (netns != null && binary.equals("ovs-vswitchd")) {
      // ip netns exec execs the daemon: the process is ovs-vswitchd itself
      command.addAll(List.of(which("ip"), "netns", "exec", netns));
    }
    command.add(which(binary));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(binary + ".out").toFile());
    pb.environment().putAll(env());
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitFile(Path file, Process process) {
    Instant deadline = Instant.now().plusSeconds(20);
    while (!Files.exists(file)) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(file.getFileName() + " did not appear; log:\n" + logs());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The daemons' logs (for failure messages). */
  public String logs() {
    StringBuilder b = new StringBuilder();
    for (String name : List.of("ovsdb-server.log", "ovs-vswitchd.log", "ovsdb-server.out", "ovs-vswitchd.out")) {
      Path p = dir.resolve(name);
      if (Files.exists(p)) {
        try {
          List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
          b.append("== ").append(name).append('\n')
              .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).append('\n');
        } catch (IOException e) {
          // best effort
        }
      }
    }
    return b.toString();
  }

  static String run(Map<String, String> env, String... command) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteIfExists(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort
    }
  }

  private synchronized void stopQuietly() {
    stop(vswitchd);
    stop(ovsdb);
    vswitchd = null;
    ovsdb = null;
    if (netns != null) {
      try {
        run(Map.of(), "ip", "netns", "del", netns);
      } catch (RuntimeException e) {
        // already gone
      }
    }
    if (!Boolean.getBoolean("dpf.keepOvsLogs")) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // best effort
      }
    }
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down
    }
  }
}
