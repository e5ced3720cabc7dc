package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.DpfStatus;
import java.util.Map;

/** Observed state of a DPUSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUSetStatus extends DpfStatus {

  @JsonPropertyDescription("DPUStatistics is the number of owned DPUs per DPU phase (keys are DPU phase strings, "
      + "e.g. \"OS Installing\").")
  private Map<String, Integer> dpuStatistics;

  public Map<String, Integer> getDpuStatistics() {
    return dpuStatistics;
  }

  public void setDpuStatistics(Map<String, Integer> dpuStatistics) {
    this.dpuStatistics = dpuStatistics;
  }
}
