package dev.dpf.provisioning.bfcfg;

import java.util.Map;
import java.util.Objects;

/**
 * The per-DPU values of a bf.cfg besides the flavor.
 *
 * @param dpuName the DPU object name: the DPU's hostname and therefore its Node name in the DPU cluster
 * @param joinCommand the full {@code kubeadm join ...} command line (see {@code KubeadmJoin})
 * @param additionalReboot the DPU reboots itself after {@code update-grub} (the controller will not reboot the host)
 */
public record BfCfgInput(String dpuName, String joinCommand, boolean additionalReboot) {

  public BfCfgInput {
    Objects.requireNonNull(dpuName, "dpuName");
    Objects.requireNonNull(joinCommand, "joinCommand");
  }

  /**
   * The input for a DPU, with the additional-reboot flag from the reboot command selection of the DPU's and host
   * Node's annotations (reference 9.10: set when the selected command is {@code skip}).
   *
   * @throws BfCfgException when an annotation holds an unsupported reboot command (upstream's message)
   */
  public static BfCfgInput forDpu(String dpuName, String joinCommand, Map<String, String> dpuAnnotations,
      Map<String, String> nodeAnnotations) throws BfCfgException {
    try {
      RebootCommand command = RebootCommand.select(dpuAnnotations, nodeAnnotations);
      return new BfCfgInput(dpuName, joinCommand, command.additionalReboot());
    } catch (RebootCommand.InvalidValueException e) {
      throw new BfCfgException(e.getMessage());
    }
  }
}
