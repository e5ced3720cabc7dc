package dev.dpf.dms;

/**
 * Hardware seam: operations on the host (server) of a DPU that DPF v24.10 performs by running commands in the DPU's
 * DMS pod (privileged, host network): reading the host uptime to detect a reboot, and rebooting the host. Production:
 * {@link PodExecHostOps}; tests and the demo: the simulated hosts of dpu-sim.
 *
 * <p>Every method blocks until the command finished (run it off the reconcile thread) and throws
 * {@link HostOpsException} when the command cannot be run or fails.
 */
public interface HostOps {

  /** Host uptime in whole seconds ({@code cat /proc/uptime}, first field, truncated). */
  long uptimeSeconds(DpuRef dpu);

  /** Power-cycles or resets the host through its BMC: {@code ipmitool chassis power <cycle|reset>}. */
  void powerCycle(DpuRef dpu, PowerAction action);

  /**
   * Warm reboot through a BlueField system-level reset: {@code bf-slr.sh <pci> <cycle|reset> arm} (shut the DPU's
   * Arm down), then {@code bf-slr.sh <pci> <cycle|reset> host} (reboot the host).
   *
   * @param pciAddress the DPU's PCI address in {@code 4b:00} form (bus:device, no domain, no function)
   */
  void warmReboot(DpuRef dpu, String pciAddress, PowerAction action);
}
