package dev.dpf.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Failures the demo can inject ({@code --fail}), so users see how they surface as conditions and events. */
enum Failure {
  DMS_UNREACHABLE("dms-unreachable", "the DMS of the first DPU refuses connections"),
  INSTALL_ERROR("install-error", "the DMS of the first DPU answers the BFB install with install_error INTEGRITY_FAIL"),
  REBOOT_FAILURE("reboot-failure", "the first DPU's reboot after the install ends with STATUS_FAILURE"),
  HOST_REBOOT_FAILURE("host-reboot-failure", "commands on the first host (uptime, ipmitool, bf-slr.sh) fail, so it "
      + "cannot be rebooted"),
  HOST_NETWORK("host-network", "the first host has no br-dpu bridge"),
  BFB_404("bfb-404", "the web server answers 404 for the BFB");

  final String flag;
  final String description;

  Failure(String flag, String description) {
    this.flag = flag;
    this.description = description;
  }

  /** Whether the failure is confined to the first DPU (the other DPUs are expected to become Ready). */
  boolean firstDpuOnly() {
    return this != BFB_404;
  }

  static Failure parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (Failure f : values()) {
      if (f.flag.equals(v)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown failure '" + value + "' (one of " + flags() + ")");
  }

  static String flags() {
    return Arrays.stream(values()).map(f -> f.flag).collect(Collectors.joining(", "));
  }
}
