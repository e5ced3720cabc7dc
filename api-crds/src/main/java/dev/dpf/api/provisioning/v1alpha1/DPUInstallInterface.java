package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Interface used to install a DPU (later DPF releases). */
public enum DPUInstallInterface {
  @JsonProperty("gNOI")
  GNOI("gNOI"),
  @JsonProperty("hostAgent")
  HOST_AGENT("hostAgent"),
  @JsonProperty("redfish")
  REDFISH("redfish");

  private final String value;

  DPUInstallInterface(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }

  /** The constant for an API string, or {@code null} when the string is not one of them. */
  public static DPUInstallInterface fromValue(String value) {
    for (DPUInstallInterface v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
