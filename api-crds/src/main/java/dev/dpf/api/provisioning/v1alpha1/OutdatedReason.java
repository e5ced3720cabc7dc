package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a DPU no longer matches its DPUSet template (later DPF releases). */
public enum OutdatedReason {
  @JsonProperty("OutdatedBFB")
  OUTDATED_BFB("OutdatedBFB"),
  @JsonProperty("OutdatedDPUFlavor")
  OUTDATED_DPU_FLAVOR("OutdatedDPUFlavor"),
  @JsonProperty("OutdatedSecureBoot")
  OUTDATED_SECURE_BOOT("OutdatedSecureBoot"),
  @JsonProperty("OutdatedBlueFieldSoftware")
  OUTDATED_BLUE_FIELD_SOFTWARE("OutdatedBlueFieldSoftware");

  private final String value;

  OutdatedReason(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }

  /** The constant for an API string, or {@code null} when the string is not one of them. */
  public static OutdatedReason fromValue(String value) {
    for (OutdatedReason v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
