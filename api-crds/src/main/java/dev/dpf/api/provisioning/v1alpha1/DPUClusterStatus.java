package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.DpfStatus;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Observed state of a DPUCluster. Condition types: Created, KeepalivedReady, Ready. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUClusterStatus extends DpfStatus {

  @Default("Pending")
  @JsonPropertyDescription("Phase of the cluster: Pending, Creating, Ready, NotReady or Failed.")
  private DPUClusterPhase phase;

  @JsonPropertyDescription("Version is the Kubernetes version the control plane reports (later DPF releases).")
  private String version;

  @Min(0)
  @JsonPropertyDescription("NodesCount is the number of DPUs assigned to this cluster (later DPF releases).")
  private Integer nodesCount;

  public DPUClusterPhase getPhase() {
    return phase;
  }

  public void setPhase(DPUClusterPhase phase) {
    this.phase = phase;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public Integer getNodesCount() {
    return nodesCount;
  }

  public void setNodesCount(Integer nodesCount) {
    this.nodesCount = nodesCount;
  }
}
