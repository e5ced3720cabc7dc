package dev.dpf.provisioning.dpu;

import java.util.regex.Pattern;

/**
 * The PCI address forms the DPU controller needs, from the DPU label {@code provisioning.dpu.nvidia.com/dpu-pciAddress}
 * ({@code 0000-4b-00}, or {@code 4b-00} without a domain; reference 7.5).
 */
final class Pci {

  private static final Pattern LABEL = Pattern.compile("^([0-9a-fA-F]{4}-)?[0-9a-fA-F]{2}-[0-9a-fA-F]{2}$");

  private Pci() {}

  static boolean valid(String label) {
    return label != null && LABEL.matcher(label).matches();
  }

  /** {@code 0000:4b:00} (host network pod, devlink); a label without a domain gets {@code 0000}. */
  static String withDomain(String label) {
    String colons = label.replace('-', ':');
    return colons.length() == 5 ? "0000:" + colons : colons;
  }

  /** {@code 4b:00} (DMS {@code -target_pci}, {@code bf-slr.sh}). */
  static String withoutDomain(String label) {
    String colons = label.replace('-', ':');
    return colons.length() == 5 ? colons : colons.substring(colons.indexOf(':') + 1);
  }
}
