package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Type of the host-cluster Service created for config ports (exact upstream strings). */
public enum ConfigPortsServiceType {
  @JsonProperty("NodePort")
  NODE_PORT("NodePort"),
  @JsonProperty("ClusterIP")
  CLUSTER_IP("ClusterIP"),
  /** Headless Service ({@code clusterIP: None}). */
  @JsonProperty("None")
  NONE("None");

  private final String value;

  ConfigPortsServiceType(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }
}
