package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/** Desired state of a DPUSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.dpuSelector) || !has(self.dpuDeviceSelector)", fieldPath = ".dpuDeviceSelector",
    message = "dpuSelector and dpuDeviceSelector are mutually exclusive")
public class DPUSetSpec {

  @Default("{\"type\":\"Recreate\"}")
  @JsonPropertyDescription("Strategy describes how DPUs are replaced when the template changes. Defaults to "
      + "{type: Recreate}.")
  private DPUSetStrategy strategy;

  @JsonPropertyDescription("NodeSelector selects host Nodes; absent selects all Nodes (v24.10).")
  private LabelSelector nodeSelector;

  @JsonPropertyDescription("DPUNodeSelector selects DPUNode objects (later DPF releases; replaces nodeSelector).")
  private LabelSelector dpuNodeSelector;

  @JsonPropertyDescription("DPUSelector selects DPUs on a Node by NFD label (feature.node.kubernetes.io/dpu-<N>-...): "
      + "an OR over the entries. Absent selects DPU index 0. Deprecated in later DPF releases.")
  private Map<String, String> dpuSelector;

  @JsonPropertyDescription("DPUDeviceSelector selects DPUDevice objects (later DPF releases; replaces dpuSelector).")
  private LabelSelector dpuDeviceSelector;

  @JsonPropertyDescription("DPUTemplate is the template of the DPUs.")
  private DPUTemplate dpuTemplate;

  public DPUSetStrategy getStrategy() {
    return strategy;
  }

  public void setStrategy(DPUSetStrategy strategy) {
    this.strategy = strategy;
  }

  public LabelSelector getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(LabelSelector nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public LabelSelector getDpuNodeSelector() {
    return dpuNodeSelector;
  }

  public void setDpuNodeSelector(LabelSelector dpuNodeSelector) {
    this.dpuNodeSelector = dpuNodeSelector;
  }

  public Map<String, String> getDpuSelector() {
    return dpuSelector;
  }

  public void setDpuSelector(Map<String, String> dpuSelector) {
    this.dpuSelector = dpuSelector;
  }

  public LabelSelector getDpuDeviceSelector() {
    return dpuDeviceSelector;
  }

  public void setDpuDeviceSelector(LabelSelector dpuDeviceSelector) {
    this.dpuDeviceSelector = dpuDeviceSelector;
  }

  public DPUTemplate getDpuTemplate() {
    return dpuTemplate;
  }

  public void setDpuTemplate(DPUTemplate dpuTemplate) {
    this.dpuTemplate = dpuTemplate;
  }
}
