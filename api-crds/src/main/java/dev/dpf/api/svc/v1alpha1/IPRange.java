package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An inclusive range of IPs (status of DPUServiceIPAM, later releases; shape unverified). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IPRange {

  @JsonPropertyDescription("StartIP is the first IP of the range.")
  private String startIP;

  @JsonPropertyDescription("EndIP is the last IP of the range (inclusive).")
  private String endIP;

  public String getStartIP() {
    return startIP;
  }

  public void setStartIP(String startIP) {
    this.startIP = startIP;
  }

  public String getEndIP() {
    return endIP;
  }

  public void setEndIP(String endIP) {
    this.endIP = endIP;
  }
}
