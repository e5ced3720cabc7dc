package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a DPU obtains its identity in the DPU cluster (later DPF releases). */
public enum IdentityMode {
  @JsonProperty("spiffe")
  SPIFFE("spiffe"),
  @JsonProperty("bootstrap-token")
  BOOTSTRAP_TOKEN("bootstrap-token");

  private final String value;

  IdentityMode(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }

  /** The constant for an API string, or {@code null} when the string is not one of them. */
  public static IdentityMode fromValue(String value) {
    for (IdentityMode v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
