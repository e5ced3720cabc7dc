package dev.dpf.dms;

import java.util.Locale;

/**
 * The reboot command word of DPF's reboot policy (provisioning.md 9.10): {@code cycle} or {@code reset}. It is the
 * argument of {@code ipmitool chassis power <word>} for a power cycle, and of {@code bf-slr.sh <pci> <word> arm|host}
 * for a warm reboot. ({@code skip} is a decision of the controller and never reaches {@link HostOps}.)
 */
public enum PowerAction {
  CYCLE("cycle"),
  RESET("reset");

  private final String word;

  PowerAction(String word) {
    this.word = word;
  }

  /** The command-line word. */
  public String word() {
    return word;
  }

  /** {@code cycle} or {@code reset} (case-insensitive). */
  public static PowerAction parse(String value) {
    if (value != null) {
      for (PowerAction action : values()) {
        if (action.word.equals(value.trim().toLowerCase(Locale.ROOT))) {
          return action;
        }
      }
    }
    throw new IllegalArgumentException("invalid value \"" + value + "\", supported values: [\"cycle\" \"reset\"]");
  }
}
