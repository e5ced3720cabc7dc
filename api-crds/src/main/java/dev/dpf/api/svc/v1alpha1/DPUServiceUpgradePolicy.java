package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * How a change is rolled out by a DPUDeployment (later DPF releases): {@code applyNodeEffect} true (the default)
 * makes a disruptive new revision that is rolled out DPU by DPU through the DPUSet node effect.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceUpgradePolicy {

  @Default("true")
  @JsonPropertyDescription("ApplyNodeEffect: whether a change creates a disruptive new revision (default true).")
  private Boolean applyNodeEffect;

  public DPUServiceUpgradePolicy() {}

  public DPUServiceUpgradePolicy(Boolean applyNodeEffect) {
    this.applyNodeEffect = applyNodeEffect;
  }

  public Boolean getApplyNodeEffect() {
    return applyNodeEffect;
  }

  public void setApplyNodeEffect(Boolean applyNodeEffect) {
    this.applyNodeEffect = applyNodeEffect;
  }
}
