package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Template of the DPUs of a DPUSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUTemplate {

  static final String POWER_CYCLE = "'" + ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED + "'";

  @ValidationRule(value = "!(" + POWER_CYCLE + " in self) || self[" + POWER_CYCLE + "] in "
      + "['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']",
      messageExpression = "'invalid value \"' + self[" + POWER_CYCLE + "] + '\" for \"' + " + POWER_CYCLE + " + '\"'",
      message = "invalid value for \"" + ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED + "\"")
  @JsonPropertyDescription("Annotations copied to every DPU. provisioning.dpu.nvidia.com/host-power-cycle-required, "
      + "if present, must be a boolean (Go ParseBool syntax).")
  private Map<String, String> annotations;

  @JsonPropertyDescription("Spec of the DPUs.")
  private DPUTemplateSpec spec;

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public DPUTemplateSpec getSpec() {
    return spec;
  }

  public void setSpec(DPUTemplateSpec spec) {
    this.spec = spec;
  }
}
