package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Deployment mode of a DPU (later DPF releases). */
public enum DeploymentMode {
  @JsonProperty("zero-trust")
  ZERO_TRUST("zero-trust"),
  @JsonProperty("host-trusted")
  HOST_TRUSTED("host-trusted");

  private final String value;

  DeploymentMode(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }

  /** The constant for an API string, or {@code null} when the string is not one of them. */
  public static DeploymentMode fromValue(String value) {
    for (DeploymentMode v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
