package dev.dpf.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A per-host directory laid out like the parts of sysfs the host agent reads and writes (the same layout as the
 * agent's tests): the DPU's two PCI functions {@code 0000:4b:00.0/.1} (BlueField-3 device id) with their netdevs,
 * {@code sriov_numvfs}/{@code sriov_totalvfs}, {@code class/net} links, and, once VFs are enabled, {@code virtfnN}
 * links to the VF functions with their netdevs (what the mlx5 driver creates).
 */
final class SimulatedSysfs {

  static final String BLUEFIELD3 = "0xa2dc";
  static final String PF0_ADDRESS = "0000:4b:00.0";
  static final String PF1_ADDRESS = "0000:4b:00.1";
  static final String VF0_ADDRESS = "0000:4b:00.2";

  final Path root;

  SimulatedSysfs(Path root) {
    this.root = root;
  }

  /** The host before DPF: both PFs of the DPU, no VFs yet. */
  static SimulatedSysfs create(Path root, String pf0Netdev, String pf1Netdev) {
    SimulatedSysfs sysfs = new SimulatedSysfs(root);
    sysfs.pf(PF0_ADDRESS, pf0Netdev);
    sysfs.pf(PF1_ADDRESS, pf1Netdev);
    return sysfs;
  }

  Path device(String address) {
    return root.resolve("devices/pci0000:00").resolve(address);
  }

  private void pf(String address, String netdev) {
    Path device = function(address, BLUEFIELD3, netdev);
    write(device.resolve("sriov_numvfs"), "0\n");
    write(device.resolve("sriov_totalvfs"), "127\n");
  }

  private Path function(String address, String deviceId, String netdev) {
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

  /** The number in {@code sriov_numvfs} of a PF. */
  int numVfs(String pfAddress) {
    try {
      return Integer.parseInt(Files.readString(device(pfAddress).resolve("sriov_numvfs")).trim());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  boolean hasVf(String pfAddress, int index) {
    return Files.exists(device(pfAddress).resolve("virtfn" + index));
  }

  /** VF {@code index} of a PF with its netdev, as the driver creates it after {@code sriov_numvfs} is written. */
  void addVf(String pfAddress, int index, String vfAddress, String netdev) {
    Path vf = function(vfAddress, "0x101e", netdev);
    link(device(pfAddress).resolve("virtfn" + index), vf);
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void link(Path link, Path target) {
    try {
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, link.getParent().relativize(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
