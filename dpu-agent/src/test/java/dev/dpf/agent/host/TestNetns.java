package dev.dpf.agent.host;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real network namespace for a test ({@code ip netns add}), where the test builds the host's links: a bridge
 * {@code br-dpu} with an address, veth pairs standing in for VF netdevs. Aborts the test (skipped, with the reason)
 * only when creating a namespace is not permitted here; deleting it removes every link inside.
 */
final class TestNetns implements AutoCloseable {

  final String name;

  private TestNetns(String name) {
    this.name = name;
  }

  static TestNetns create() {
    String name = "dpfagent-" + UUID.randomUUID().toString().substring(0, 8);
    Result r = exec("ip", "netns", "add", name);
    if (r.exit != 0) {
      abort("network namespaces are not available here (`ip netns add` failed: " + r.output.trim()
          + "); the host network agent tests need root or CAP_SYS_ADMIN");
    }
    return new TestNetns(name);
  }

  /** {@code ip -n <ns> <args>}; fails the test when the command fails. */
  String ip(String... args) {
    List<String> line = new ArrayList<>(List.of("ip", "-n", name));
    line.addAll(List.of(args));
    Result r = exec(line.toArray(String[]::new));
    if (r.exit != 0) {
      throw new IllegalStateException(String.join(" ", line) + " failed: " + r.output);
    }
    return r.output;
  }

  /** A bridge with an IPv4 address (TEST-NET-1, only inside this namespace), up. */
  void bridge(String bridge, String address) {
    ip("link", "add", bridge, "type", "bridge");
    if (address != null) {
      ip("addr", "add", address, "dev", bridge);
    }
    ip("link", "set", bridge, "up");
  }

  /** A veth pair: {@code name} plays the VF netdev, its peer the DPU side. */
  void vf(String vf) {
    ip("link", "add", vf, "type", "veth", "peer", "name", vf + "p");
  }

  /** {@code ip -j -d link show dev <name>} as JSON text. */
  String link(String link) {
    return ip("-j", "-d", "link", "show", "dev", link);
  }

  @Override
  public void close() {
    exec("ip", "netns", "del", name);
  }

  record Result(int exit, String output) {}

  static Result exec(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
