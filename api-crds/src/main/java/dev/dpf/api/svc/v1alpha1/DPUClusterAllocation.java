package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** The part of a DPUServiceIPAM's network assigned to one DPUCluster (later releases). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUClusterAllocation {

  @Required
  @JsonPropertyDescription("DPUCluster is the <namespace>/<name> of the DPUCluster.")
  private String dpuCluster;

  @JsonPropertyDescription("IPRanges are the ranges of the network this DPUCluster's pool may allocate from.")
  private List<IPRange> ipRanges;

  public String getDpuCluster() {
    return dpuCluster;
  }

  public void setDpuCluster(String dpuCluster) {
    this.dpuCluster = dpuCluster;
  }

  public List<IPRange> getIpRanges() {
    return ipRanges;
  }

  public void setIpRanges(List<IPRange> ipRanges) {
    this.ipRanges = ipRanges;
  }
}
