package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.DpfStatus;
import java.util.List;

/** Observed state of a DPUServiceIPAM. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceIPAMStatus extends DpfStatus {

  @JsonPropertyDescription("DPUClusterAllocations are the ranges assigned to each DPUCluster when "
      + "subnetsPerDPUCluster or blocksPerDPUCluster is set (later releases); one entry per DPUCluster.")
  private List<DPUClusterAllocation> dpuClusterAllocations;

  public List<DPUClusterAllocation> getDpuClusterAllocations() {
    return dpuClusterAllocations;
  }

  public void setDpuClusterAllocations(List<DPUClusterAllocation> dpuClusterAllocations) {
    this.dpuClusterAllocations = dpuClusterAllocations;
  }
}
