package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Upgrade policy of a node effect as written by the later DPUDeployment controller (dpuservice reference 12.10.4;
 * JSON names unverified).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeEffectUpgradePolicy {

  @JsonPropertyDescription("ApplyOnLabelChange re-applies the node effect when a Ready DPU's cluster.nodeLabels "
      + "change.")
  private Boolean applyOnLabelChange;

  @JsonPropertyDescription("NodeMaintenanceAdditionalRequestors are added to the NodeMaintenance.")
  private List<String> nodeMaintenanceAdditionalRequestors;

  public Boolean getApplyOnLabelChange() {
    return applyOnLabelChange;
  }

  public void setApplyOnLabelChange(Boolean applyOnLabelChange) {
    this.applyOnLabelChange = applyOnLabelChange;
  }

  public List<String> getNodeMaintenanceAdditionalRequestors() {
    return nodeMaintenanceAdditionalRequestors;
  }

  public void setNodeMaintenanceAdditionalRequestors(List<String> nodeMaintenanceAdditionalRequestors) {
    this.nodeMaintenanceAdditionalRequestors = nodeMaintenanceAdditionalRequestors;
  }
}
