package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Mode of the DPU (later DPF releases): the usual DPU mode, zero-trust mode, or NIC mode. */
public enum DPUMode {
  @JsonProperty("dpu")
  DPU("dpu"),
  @JsonProperty("zero-trust")
  ZERO_TRUST("zero-trust"),
  @JsonProperty("nic")
  NIC("nic");

  private final String value;

  DPUMode(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }

  /** The constant for an API string, or {@code null} when the string is not one of them. */
  public static DPUMode fromValue(String value) {
    for (DPUMode v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
