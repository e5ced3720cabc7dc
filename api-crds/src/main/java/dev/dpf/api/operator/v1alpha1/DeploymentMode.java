package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Deployment model of DPU provisioning (later releases; exact upstream strings). */
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
}
