package dev.dpf.provisioning.bfcfg;

import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import java.util.Map;

/**
 * How the host of a DPU is rebooted after the OS installation (reference 9.10), selected from the DPU's and the host
 * Node's annotations. Pure: used by bf.cfg rendering (the "additional reboot" flag) and by the DPU controller's
 * {@code Rebooting} phase.
 *
 * <ul>
 *   <li>DPU annotation {@code provisioning.dpu.nvidia.com/host-power-cycle-required} parses (Go ParseBool) as true:
 *       Node annotation {@code provisioning.dpu.nvidia.com/powercycle-command} (default {@code cycle}) gives a
 *       power-cycle command {@code ipmitool chassis power cycle|reset}, or {@code skip};</li>
 *   <li>otherwise Node annotation {@code provisioning.dpu.nvidia.com/reboot-command} (default {@code reset}) gives a
 *       warm reboot argument of {@code bf-slr.sh} ({@code reset} or {@code cycle}), or {@code skip}.</li>
 * </ul>
 *
 * @param type how the host is rebooted
 * @param word the annotation value in effect: {@code cycle}, {@code reset} or {@code skip}
 */
public record RebootCommand(Type type, String word) {

  /** Kinds of host reboot. */
  public enum Type {
    /** {@code ipmitool chassis power <word>} in the DMS pod. */
    POWER_CYCLE,
    /** {@code bf-slr.sh <pci> <word> arm|host} in the DMS pod. */
    WARM,
    /** No host reboot by the controller. */
    SKIP
  }

  /** An annotation holds a value other than cycle, reset or skip. */
  public static final class InvalidValueException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidValueException(String message) {
      super(message);
    }
  }

  /**
   * Selects the command.
   *
   * @throws InvalidValueException with upstream's message {@code invalid value "<v>", supported values: ["cycle"
   *     "reset" "skip"]}
   */
  public static RebootCommand select(Map<String, String> dpuAnnotations, Map<String, String> nodeAnnotations)
      throws InvalidValueException {
    Map<String, String> dpu = dpuAnnotations == null ? Map.of() : dpuAnnotations;
    Map<String, String> node = nodeAnnotations == null ? Map.of() : nodeAnnotations;
    String required = dpu.get(ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED);
    boolean powerCycle = required != null && ProvisioningLabels.parseGoBool(required).orElse(false);
    String word = powerCycle
        ? node.getOrDefault(ProvisioningLabels.POWERCYCLE_COMMAND, ProvisioningLabels.COMMAND_CYCLE)
        : node.getOrDefault(ProvisioningLabels.REBOOT_COMMAND, ProvisioningLabels.COMMAND_RESET);
    if (!ProvisioningLabels.REBOOT_COMMANDS.contains(word)) {
      throw new InvalidValueException("invalid value \"" + word + "\", supported values: [\"cycle\" \"reset\" \"skip\"]");
    }
    if (ProvisioningLabels.COMMAND_SKIP.equals(word)) {
      return new RebootCommand(Type.SKIP, word);
    }
    return new RebootCommand(powerCycle ? Type.POWER_CYCLE : Type.WARM, word);
  }

  /** True when the controller will not reboot the host, so the DPU must reboot itself after update-grub. */
  public boolean additionalReboot() {
    return type == Type.SKIP;
  }

  /** The power-cycle command line ({@code ipmitool chassis power cycle|reset}); only for {@link Type#POWER_CYCLE}. */
  public String ipmitoolCommand() {
    if (type != Type.POWER_CYCLE) {
      throw new IllegalStateException("not a power-cycle command: " + this);
    }
    return "ipmitool chassis power " + word;
  }
}
