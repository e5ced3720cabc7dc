package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Configuration every system component has: whether it is deployed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentConfiguration {

  @JsonPropertyDescription("Disable ensures the component is not deployed when set to true; everything previously "
      + "created for it is removed.")
  private Boolean disable;

  /** Whether {@code disable} is true. */
  public boolean disabled() {
    return Boolean.TRUE.equals(disable);
  }

  public Boolean getDisable() {
    return disable;
  }

  public void setDisable(Boolean disable) {
    this.disable = disable;
  }
}
