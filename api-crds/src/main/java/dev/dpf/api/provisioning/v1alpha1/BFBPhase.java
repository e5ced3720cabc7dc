package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Phases of a BFB (exact upstream strings). */
public enum BFBPhase {
  @JsonProperty("Initializing")
  INITIALIZING("Initializing"),
  @JsonProperty("Downloading")
  DOWNLOADING("Downloading"),
  @JsonProperty("Ready")
  READY("Ready"),
  @JsonProperty("Deleting")
  DELETING("Deleting"),
  @JsonProperty("Error")
  ERROR("Error");

  private final String value;

  BFBPhase(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }
}
