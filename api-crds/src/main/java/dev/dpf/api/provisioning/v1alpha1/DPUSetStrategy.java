package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** How a DPUSet replaces DPUs whose template is outdated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.type) || self.type != 'RollingUpdate' || !has(self.rollingUpdate) || "
    + "!has(self.rollingUpdate.maxUnavailable) || type(self.rollingUpdate.maxUnavailable) != int || "
    + "self.rollingUpdate.maxUnavailable > 0",
    fieldPath = ".rollingUpdate.maxUnavailable", message = "the value range of maxUnavailable must be greater 0")
@ValidationRule(value = "!has(self.type) || self.type != 'RollingUpdate' || !has(self.rollingUpdate) || "
    + "!has(self.rollingUpdate.maxUnavailable) || type(self.rollingUpdate.maxUnavailable) != string || "
    + "self.rollingUpdate.maxUnavailable.matches('^0*([1-9][0-9]?|100)%$')",
    fieldPath = ".rollingUpdate.maxUnavailable",
    message = "the value range of maxUnavailable must be greater than 0% and less than or equal to 100%")
public class DPUSetStrategy {

  @Default("Recreate")
  @JsonPropertyDescription("Type is Recreate (v24.10) or OnDelete (later name of the same behaviour): DPUs are only "
      + "replaced when deleted by someone; or RollingUpdate: outdated DPUs are deleted respecting maxUnavailable.")
  private DPUSetStrategyType type;

  @JsonPropertyDescription("RollingUpdate parameters, used when type is RollingUpdate.")
  private RollingUpdateDPU rollingUpdate;

  public DPUSetStrategyType getType() {
    return type;
  }

  public void setType(DPUSetStrategyType type) {
    this.type = type;
  }

  public RollingUpdateDPU getRollingUpdate() {
    return rollingUpdate;
  }

  public void setRollingUpdate(RollingUpdateDPU rollingUpdate) {
    this.rollingUpdate = rollingUpdate;
  }
}
