package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Why a DPU no longer matches its DPUSet template; written only by the DPUSet controller (later DPF releases). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUOutdated {

  @JsonPropertyDescription("TimeStamp when the drift was detected (RFC 3339).")
  private String timeStamp;

  @JsonPropertyDescription("Reason: OutdatedBFB, OutdatedDPUFlavor, OutdatedSecureBoot or OutdatedBlueFieldSoftware.")
  private OutdatedReason reason;

  @JsonPropertyDescription("Message with details.")
  private String message;

  public String getTimeStamp() {
    return timeStamp;
  }

  public void setTimeStamp(String timeStamp) {
    this.timeStamp = timeStamp;
  }

  public OutdatedReason getReason() {
    return reason;
  }

  public void setReason(OutdatedReason reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
