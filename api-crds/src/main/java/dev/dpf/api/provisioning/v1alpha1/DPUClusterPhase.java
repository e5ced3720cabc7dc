package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Phases of a DPUCluster (exact upstream strings). Only the provisioning controller sets the phase; {@code Failed} is
 * reserved for third-party cluster managers.
 */
public enum DPUClusterPhase {
  @JsonProperty("Pending")
  PENDING("Pending"),
  @JsonProperty("Creating")
  CREATING("Creating"),
  @JsonProperty("Ready")
  READY("Ready"),
  @JsonProperty("NotReady")
  NOT_READY("NotReady"),
  @JsonProperty("Failed")
  FAILED("Failed");

  private final String value;

  DPUClusterPhase(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }

  /** The constant for an API string, or {@code null} when the string is not one of them. */
  public static DPUClusterPhase fromValue(String value) {
    for (DPUClusterPhase v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
