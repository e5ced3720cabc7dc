package dev.dpf.agent.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary directory laid out like the parts of sysfs the agent reads: PCI functions under
 * {@code devices/pci0000:00/<addr>} reached through {@code bus/pci/devices/<addr>} symlinks, netdevs under the
 * function's {@code net/}, {@code class/net/<netdev>} symlinks with a {@code device} link back to the function, and
 * {@code virtfnN} links from a PF to its VF functions (what the mlx5 driver creates when VFs are enabled).
 */
final class FakeSysfs {

  final Path root;

  FakeSysfs(Path root) {
    this.root = root;
  }

  /** Adds a PCI function ({@code 0000:4b:00.0}) with a device id and, when {@code netdev} is not null, its netdev. */
  Path function(String address, String deviceId, String netdev) {
    Path device = root.resolve("devices/pci0000:00").resolve(address);
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
  Path pf(String address, String deviceId, String netdev, int numVfs, int totalVfs) {
    Path device = function(address, deviceId, netdev);
    write(device.resolve("sriov_numvfs"), numVfs + "\n");
    write(device.resolve("sriov_totalvfs"), totalVfs + "\n");
    return device;
  }

  /** VF {@code index} of a PF with its netdev (as the driver creates it after sriov_numvfs is written). */
  void vf(String pfAddress, int index, String vfAddress, String netdev) {
    Path vf = function(vfAddress, "0x101e", netdev);
    link(root.resolve("devices/pci0000:00").resolve(pfAddress).resolve("virtfn" + index), vf);
  }

  String read(String relative) {
    try {
      return Files.readString(root.resolve(relative)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(String relative, String content) {
    write(root.resolve(relative), content);
  }

  static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void link(Path link, Path target) {
    try {
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, link.getParent().relativize(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
