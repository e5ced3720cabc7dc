package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a DPUFlavor config file is written on the DPU. */
public enum ConfigFileOperation {
  @JsonProperty("override")
  OVERRIDE("override"),
  @JsonProperty("append")
  APPEND("append");

  private final String value;

  ConfigFileOperation(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }

  /** The constant for an API string, or {@code null} when the string is not one of them. */
  public static ConfigFileOperation fromValue(String value) {
    for (ConfigFileOperation v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
