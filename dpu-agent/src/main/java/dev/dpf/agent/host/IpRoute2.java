package dev.dpf.agent.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The iproute2 {@code ip} command, run as a child process (no shell), optionally inside a network namespace
 * ({@code ip -n <netns> ...}). Queries use JSON output ({@code -j}). Every call is bounded by a timeout; a failure
 * becomes a {@link HostNetworkException} naming the command, its exit code and what it printed on stderr.
 */
public final class IpRoute2 {

  /** A network interface as {@code ip -j -d link show} reports it. */
  public record Link(String name, int mtu, String master, boolean up, String kind) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_STDERR = 400;

  private final String command;
  private final String netns;
  private final Duration timeout;

  /**
   * @param command the {@code ip} binary (a name on PATH or a path)
   * @param netns network namespace name ({@code ip -n}); null or empty for the agent's own namespace
   * @param timeout upper bound of one command
   */
  public IpRoute2(String command, String netns, Duration timeout) {
    this.command = command;
    this.netns = netns == null || netns.isEmpty() ? null : netns;
    this.timeout = timeout;
  }

  public String netns() {
    return netns;
  }

  /** The interface {@code name}, or empty when it does not exist. */
  public Optional<Link> link(String name) throws HostNetworkException {
    Result result = run("-j", "-d", "link", "show", "dev", name);
    if (result.exit() != 0) {
      if (result.stderr().contains("does not exist") || result.stderr().contains("Cannot find device")) {
        return Optional.empty();
      }
      throw result.failure();
    }
    JsonNode entry = firstEntry(result);
    if (entry == null) {
      return Optional.empty();
    }
    List<String> flags = new ArrayList<>();
    entry.path("flags").forEach(f -> flags.add(f.asText()));
    String master = entry.hasNonNull("master") ? entry.get("master").asText() : null;
    String kind = entry.path("linkinfo").hasNonNull("info_kind") ? entry.path("linkinfo").get("info_kind").asText()
        : null;
    return Optional.of(new Link(entry.path("ifname").asText(name), entry.path("mtu").asInt(), master,
        flags.contains("UP"), kind));
  }

  /** The IPv4 addresses ({@code 192.0.2.1/24}) of an interface. */
  public List<String> ipv4Addresses(String name) throws HostNetworkException {
    Result result = run("-j", "-4", "addr", "show", "dev", name);
    if (result.exit() != 0) {
      throw result.failure();
    }
    List<String> addresses = new ArrayList<>();
    JsonNode entry = firstEntry(result);
    if (entry != null) {
      for (JsonNode info : entry.path("addr_info")) {
        if ("inet".equals(info.path("family").asText("inet")) && info.hasNonNull("local")) {
          addresses.add(info.get("local").asText() + "/" + info.path("prefixlen").asInt());
        }
      }
    }
    return addresses;
  }

  /** {@code ip link set dev <dev> master <bridge>}. */
  public void setMaster(String dev, String bridge) throws HostNetworkException {
    check(run("link", "set", "dev", dev, "master", bridge));
  }

  /** {@code ip link set dev <dev> nomaster}. */
  public void setNoMaster(String dev) throws HostNetworkException {
    check(run("link", "set", "dev", dev, "nomaster"));
  }

  /** {@code ip link set dev <dev> mtu <mtu>}. */
  public void setMtu(String dev, int mtu) throws HostNetworkException {
    check(run("link", "set", "dev", dev, "mtu", Integer.toString(mtu)));
  }

  /** {@code ip link set dev <dev> up}. */
  public void setUp(String dev) throws HostNetworkException {
    check(run("link", "set", "dev", dev, "up"));
  }

  /** The command line of {@code ip monitor link address} in the configured namespace (see {@link HostLinkMonitor}). */
  public List<String> monitorCommand() {
    return commandLine("monitor", "link", "address");
  }

  private List<String> commandLine(String... args) {
    List<String> line = new ArrayList<>();
    line.add(command);
    if (netns != null) {
      line.add("-n");
      line.add(netns);
    }
    line.addAll(List.of(args));
    return line;
  }

  private static void check(Result result) throws HostNetworkException {
    if (result.exit() != 0) {
      throw result.failure();
    }
  }

  private static JsonNode firstEntry(Result result) throws HostNetworkException {
    String out = result.stdout().trim();
    if (out.isEmpty()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(out);
      return node.isArray() && !node.isEmpty() ? node.get(0) : null;
    } catch (IOException e) {
      throw new HostNetworkException("cannot parse the output of " + result.commandText() + ": " + e.getMessage(), e);
    }
  }

  private record Result(List<String> command, int exit, String stdout, String stderr) {
    String commandText() {
      return String.join(" ", command);
    }

    HostNetworkException failure() {
      String err = stderr.trim().replaceAll("\\s+", " ");
      if (err.length() > MAX_STDERR) {
        err = err.substring(0, MAX_STDERR) + "...";
      }
      return new HostNetworkException(commandText() + " failed (exit " + exit + ")" + (err.isEmpty() ? "" : ": " + err));
    }
  }

  private Result run(String... args) throws HostNetworkException {
    List<String> line = commandLine(args);
    Process process;
    try {
      process = new ProcessBuilder(line).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new HostNetworkException("cannot run " + String.join(" ", line) + ": " + e.getMessage(), e);
    }
    try {
      // single-device queries print a few KiB at most, well below the pipe buffer, so waiting before reading is safe
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new HostNetworkException(String.join(" ", line) + " did not finish within " + timeout.toSeconds() + " s");
      }
      return new Result(line, process.exitValue(), read(process.getInputStream()), read(process.getErrorStream()));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HostNetworkException(String.join(" ", line) + " was interrupted", e);
    } catch (IOException e) {
      throw new HostNetworkException("cannot read the output of " + String.join(" ", line) + ": " + e.getMessage(), e);
    }
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
