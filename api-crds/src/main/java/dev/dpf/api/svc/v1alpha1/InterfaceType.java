package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of a ServiceInterface ({@code spec.interfaceType}; exact upstream strings, {@code patch} is later-release). */
public enum InterfaceType {
  @JsonProperty("vlan")
  VLAN("vlan"),
  @JsonProperty("physical")
  PHYSICAL("physical"),
  @JsonProperty("pf")
  PF("pf"),
  @JsonProperty("vf")
  VF("vf"),
  @JsonProperty("ovn")
  OVN("ovn"),
  @JsonProperty("service")
  SERVICE("service"),
  @JsonProperty("patch")
  PATCH("patch");

  private final String value;

  InterfaceType(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }
}
