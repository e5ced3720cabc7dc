package dev.dpf.demo;

import dev.dpf.dpusim.SysfsTree;
import java.nio.file.Path;

/**
 * The sysfs of one simulated host (a {@link SysfsTree}, the same layout as the agent's tests): the DPU's two PCI
 * functions {@code 0000:4b:00.0/.1} (BlueField-3 device id) with their netdevs, {@code sriov_numvfs} /
 * {@code sriov_totalvfs}, and, once VFs are enabled, {@code virtfnN} links to the VF functions with their netdevs.
 */
final class SimulatedSysfs {

  static final String BLUEFIELD3 = "0xa2dc";
  static final String PF0_ADDRESS = "0000:4b:00.0";
  static final String PF1_ADDRESS = "0000:4b:00.1";
  static final String VF0_ADDRESS = "0000:4b:00.2";

  private SimulatedSysfs() {}

  /** The host before DPF: both PFs of the DPU, no VFs yet. */
  static SysfsTree create(Path root, String pf0Netdev, String pf1Netdev) {
    SysfsTree sysfs = new SysfsTree(root);
    sysfs.pf(PF0_ADDRESS, BLUEFIELD3, pf0Netdev, 0, 127);
    sysfs.pf(PF1_ADDRESS, BLUEFIELD3, pf1Netdev, 0, 127);
    return sysfs;
  }
}
