package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Kernel parameters of the DPU OS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUFlavorSysctl {

  @JsonPropertyDescription("Parameters are written one per line to /etc/sysctl.d/99-dpf.conf on the DPU.")
  private List<String> parameters;

  public List<String> getParameters() {
    return parameters;
  }

  public void setParameters(List<String> parameters) {
    this.parameters = parameters;
  }
}
