package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The DPU detector (host DaemonSet dpf-dpu-detector). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUDetectorConfiguration extends ImageComponentConfiguration {

  @JsonPropertyDescription("Collectors toggles optional collectors.")
  private DPUDetectorCollectors collectors;

  public DPUDetectorCollectors getCollectors() {
    return collectors;
  }

  public void setCollectors(DPUDetectorCollectors collectors) {
    this.collectors = collectors;
  }
}
