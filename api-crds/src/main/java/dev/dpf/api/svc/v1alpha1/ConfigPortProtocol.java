package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Protocol of a config port (exact upstream strings). */
public enum ConfigPortProtocol {
  @JsonProperty("TCP")
  TCP("TCP"),
  @JsonProperty("UDP")
  UDP("UDP");

  private final String value;

  ConfigPortProtocol(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }
}
