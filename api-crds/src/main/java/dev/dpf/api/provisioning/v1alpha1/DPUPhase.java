package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Phases of a DPU (exact upstream strings; note the spaces). The first eleven are the v24.10 phases; the rest appear
 * in later DPF releases and are accepted so that a controller can grow into them.
 */
public enum DPUPhase {
  @JsonProperty("Initializing")
  INITIALIZING("Initializing"),
  @JsonProperty("Node Effect")
  NODE_EFFECT("Node Effect"),
  @JsonProperty("Pending")
  PENDING("Pending"),
  @JsonProperty("DMS Deployment")
  DMS_DEPLOYMENT("DMS Deployment"),
  @JsonProperty("OS Installing")
  OS_INSTALLING("OS Installing"),
  @JsonProperty("DPU Cluster Config")
  DPU_CLUSTER_CONFIG("DPU Cluster Config"),
  @JsonProperty("Host Network Configuration")
  HOST_NETWORK_CONFIGURATION("Host Network Configuration"),
  @JsonProperty("Ready")
  READY("Ready"),
  @JsonProperty("Error")
  ERROR("Error"),
  @JsonProperty("Deleting")
  DELETING("Deleting"),
  @JsonProperty("Rebooting")
  REBOOTING("Rebooting"),
  // later releases
  @JsonProperty("Update Firmware")
  UPDATE_FIRMWARE("Update Firmware"),
  @JsonProperty("Config FW Parameters")
  CONFIG_FW_PARAMETERS("Config FW Parameters"),
  @JsonProperty("Prepare BFB")
  PREPARE_BFB("Prepare BFB"),
  @JsonProperty("DPU Config")
  DPU_CONFIG("DPU Config"),
  @JsonProperty("Service Readiness")
  SERVICE_READINESS("Service Readiness"),
  @JsonProperty("Perform ARM Force Restart")
  PERFORM_ARM_FORCE_RESTART("Perform ARM Force Restart"),
  @JsonProperty("Initialize Interface")
  INITIALIZE_INTERFACE("Initialize Interface"),
  @JsonProperty("Node Effect Removal")
  NODE_EFFECT_REMOVAL("Node Effect Removal"),
  @JsonProperty("Checking Host Reboot Required")
  CHECKING_HOST_REBOOT_REQUIRED("Checking Host Reboot Required");

  /** The v24.10 phases in the order a successful provisioning passes through them. */
  public static final List<DPUPhase> V24_10_ORDER = List.of(INITIALIZING, NODE_EFFECT, PENDING, DMS_DEPLOYMENT,
      OS_INSTALLING, REBOOTING, HOST_NETWORK_CONFIGURATION, DPU_CLUSTER_CONFIG, READY);

  /** All v24.10 phases (section 7.3 of the reference, in its order). */
  public static final List<DPUPhase> V24_10 = List.of(INITIALIZING, NODE_EFFECT, PENDING, DMS_DEPLOYMENT,
      OS_INSTALLING, DPU_CLUSTER_CONFIG, HOST_NETWORK_CONFIGURATION, READY, ERROR, DELETING, REBOOTING);

  private final String value;

  DPUPhase(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }

  /** The constant for an API string, or {@code null} when the string is not one of them. */
  public static DPUPhase fromValue(String value) {
    for (DPUPhase v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
