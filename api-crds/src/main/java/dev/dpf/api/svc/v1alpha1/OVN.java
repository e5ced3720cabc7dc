package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Options of an {@code ovn} interface (later releases; deprecated in favour of {@code patch}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OVN {

  /** The peer bridge used when {@code externalBridge} is not set. */
  public static final String DEFAULT_EXTERNAL_BRIDGE = "br-ovn";

  @JsonPropertyDescription("ExternalBridge is the peer bridge of the br-sfc patch pair. Defaults to br-ovn.")
  private String externalBridge;

  /** The peer bridge: {@code externalBridge} or {@code br-ovn}. */
  public String effectiveExternalBridge() {
    return externalBridge == null || externalBridge.isEmpty() ? DEFAULT_EXTERNAL_BRIDGE : externalBridge;
  }

  public String getExternalBridge() {
    return externalBridge;
  }

  public void setExternalBridge(String externalBridge) {
    this.externalBridge = externalBridge;
  }
}
