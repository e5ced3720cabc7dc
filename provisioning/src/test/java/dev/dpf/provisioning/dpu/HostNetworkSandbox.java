package dev.dpf.provisioning.dpu;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A host's network for the real host network agent: a network namespace ({@code ip netns add}) holding the bridge
 * {@code br-dpu} with a TEST-NET-1 address and a veth whose end plays VF0's netdev, and a temporary sysfs tree with
 * the DPU's PCI function (PF0 with its netdev, SR-IOV files, VF0 linked). Aborts (skips) the test only where
 * network namespaces cannot be created.
 */
final class HostNetworkSandbox implements AutoCloseable {

  final String netns = "dpfdpu-" + UUID.randomUUID().toString().substring(0, 8);
  final Path sysfs;

  HostNetworkSandbox() throws IOException {
    String out = run("ip", "netns", "add", netns);
    if (out != null) {
      abort("network namespaces are not available here (`ip netns add` failed: " + out.trim() + ")");
    }
    ip("link", "add", "br-dpu", "type", "bridge");
    ip("addr", "add", "192.0.2.1/24", "dev", "br-dpu");
    ip("link", "set", "br-dpu", "up");
    ip("link", "add", "ens1f0v0", "type", "veth", "peer", "name", "pf0vf0");
    sysfs = Files.createTempDirectory("dpf-sysfs-");
    Path pf = function("0000:4b:00.0", "0xa2dc", "ens1f0np0");
    Files.writeString(pf.resolve("sriov_numvfs"), "0\n");
    Files.writeString(pf.resolve("sriov_totalvfs"), "16\n");
    Path vf = function("0000:4b:00.2", "0x101e", "ens1f0v0");
    link(pf.resolve("virtfn0"), vf);
  }

  /** {@code ip -n <netns> -j -d link show dev <link>} */
  String link(String name) {
    List<String> line = new ArrayList<>(List.of("ip", "-n", netns, "-j", "-d", "link", "show", "dev", name));
    try {
      Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(20, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String read(String relative) throws IOException {
    return Files.readString(sysfs.resolve(relative)).trim();
  }

  private Path function(String address, String deviceId, String netdev) throws IOException {
    Path device = sysfs.resolve("devices/pci0000:00").resolve(address);
    Files.createDirectories(device);
    Files.writeString(device.resolve("vendor"), "0x15b3\n");
    Files.writeString(device.resolve("device"), deviceId + "\n");
    link(sysfs.resolve("bus/pci/devices").resolve(address), device);
    Path net = device.resolve("net").resolve(netdev);
    Files.createDirectories(net);
    link(net.resolve("device"), device);
    link(sysfs.resolve("class/net").resolve(netdev), net);
    return device;
  }

  private static void link(Path link, Path target) throws IOException {
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, link.getParent().relativize(target));
  }

  private void ip(String... args) {
    List<String> line = new ArrayList<>(List.of("ip", "-n", netns));
    line.addAll(List.of(args));
    String out = run(line.toArray(String[]::new));
    if (out != null) {
      throw new IllegalStateException(String.join(" ", line) + " failed: " + out);
    }
  }

  /** Runs a command; null on success, else its output. */
  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "timed out";
      }
      return p.exitValue() == 0 ? null : out;
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  @Override
  public void close() {
    run("ip", "netns", "del", netns);
  }
}
