package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a {@code nicSelector} picks the NIC of a pf/vf interface (later releases; exact upstream strings). */
public enum NicSelectorType {
  @JsonProperty("dpu")
  DPU("dpu"),
  @JsonProperty("pci")
  PCI("pci");

  private final String value;

  NicSelectorType(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }
}
