package dev.dpf.dpusim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory laid out like the parts of sysfs the host agent reads and writes (its sysfs root is configurable):
 * PCI functions under {@code devices/pci0000:00/<addr>} reached through {@code bus/pci/devices/<addr>} symlinks,
 * netdevs under the function's {@code net/}, {@code class/net/<netdev>} symlinks with a {@code device} link back to
 * the function, SR-IOV files of physical functions, and {@code virtfnN} links from a PF to its VF functions (what the
 * mlx5 driver creates once VFs are enabled). Used by the agent's tests and by the demo's simulated hosts.
 */
public final class SysfsTree {

  /** PCI device id of a VF function. */
  public static final String VF_DEVICE_ID = "0x101e";

  private final Path root;

  public SysfsTree(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** The folder of PCI function {@code address} ({@code 0000:4b:00.0}). */
  public Path device(String address) {
    return root.resolve("devices/pci0000:00").resolve(address);
  }

  /** Adds a PCI function with a device id and, when {@code netdev} is not null, its netdev. */
  public Path function(String address, String deviceId, String netdev) {
    Path device = device(address);
    mkdirs(device);
    write(device.resolve("vendor"), "0x15b3\n");
    write(device.resolve("device"), deviceId + "\n");
    link(root.resolve("bus/pci/devices").resolve(address), device);
    if (netdev != null) {
      Path net = device.resolve("net").resolve(netdev);
      mkdirs(net);
      link(net.resolve("device"), device);
      link(root.resolve("class/net").resolve(netdev), net);
    }
    return device;
  }

  /** A physical function with SR-IOV files. */
  public Path pf(String address, String deviceId, String netdev, int numVfs, int totalVfs) {
    Path device = function(address, deviceId, netdev);
    write(device.resolve("sriov_numvfs"), numVfs + "\n");
    write(device.resolve("sriov_totalvfs"), totalVfs + "\n");
    return device;
  }

  /** VF {@code index} of a PF with its netdev, as the driver creates it after {@code sriov_numvfs} is written. */
  public void vf(String pfAddress, int index, String vfAddress, String netdev) {
    Path vf = function(vfAddress, VF_DEVICE_ID, netdev);
    link(device(pfAddress).resolve("virtfn" + index), vf);
  }

  /** The number in {@code sriov_numvfs} of a PF (0 when missing or unreadable). */
  public int numVfs(String pfAddress) {
    try {
      return Integer.parseInt(Files.readString(device(pfAddress).resolve("sriov_numvfs")).trim());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  public boolean hasVf(String pfAddress, int index) {
    return Files.exists(device(pfAddress).resolve("virtfn" + index));
  }

  /** The trimmed content of a file below the root. */
  public String read(String relative) {
    try {
      return Files.readString(root.resolve(relative)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void write(String relative, String content) {
    write(root.resolve(relative), content);
  }

  public static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A relative symbolic link, as sysfs has. */
  public static void link(Path link, Path target) {
    try {
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, link.getParent().relativize(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
