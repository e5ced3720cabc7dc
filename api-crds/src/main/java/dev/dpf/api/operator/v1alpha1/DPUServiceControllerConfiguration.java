package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The DPUService controller (host Deployment dpuservice-controller-manager). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceControllerConfiguration extends ImageComponentConfiguration {

  @JsonPropertyDescription("DisableDPUReadyTaints disables the dpu.nvidia.com/dpu-ready taint feature (later "
      + "releases).")
  private Boolean disableDPUReadyTaints;

  public Boolean getDisableDPUReadyTaints() {
    return disableDPUReadyTaints;
  }

  public void setDisableDPUReadyTaints(Boolean disableDPUReadyTaints) {
    this.disableDPUReadyTaints = disableDPUReadyTaints;
  }
}
