package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a DPUSet replaces DPUs when its template changes. {@code Recreate} (v24.10) and {@code OnDelete} (later
 * releases, the same behaviour renamed) both mean the controller never replaces DPUs itself.
 */
public enum DPUSetStrategyType {
  @JsonProperty("Recreate")
  RECREATE("Recreate"),
  @JsonProperty("OnDelete")
  ON_DELETE("OnDelete"),
  @JsonProperty("RollingUpdate")
  ROLLING_UPDATE("RollingUpdate");

  private final String value;

  DPUSetStrategyType(String value) {
    this.value = value;
  }

  /** {@code Recreate} or {@code OnDelete}: DPUs are only replaced when someone deletes them. */
  public boolean isOnDelete() {
    return this == RECREATE || this == ON_DELETE;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }

  /** The constant for an API string, or {@code null} when the string is not one of them. */
  public static DPUSetStrategyType fromValue(String value) {
    for (DPUSetStrategyType v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
