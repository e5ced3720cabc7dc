package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Open vSwitch configuration of the DPU. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUFlavorOVS {

  @JsonPropertyDescription("RawConfigScript is a shell script written to /opt/dpf/ovs.sh on the DPU and run by "
      + "cloud-init.")
  private String rawConfigScript;

  public String getRawConfigScript() {
    return rawConfigScript;
  }

  public void setRawConfigScript(String rawConfigScript) {
    this.rawConfigScript = rawConfigScript;
  }
}
