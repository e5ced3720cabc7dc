package dev.dpf.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * Status fields every DPF kind carries: standard Kubernetes conditions and the generation the controller last
 * acted on. Kind-specific status classes extend this.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class DpfStatus {

  @JsonPropertyDescription("Conditions is the list of the latest observations of the object's state. "
      + "Ready summarises all other conditions.")
  private List<Condition> conditions;

  @JsonPropertyDescription("ObservedGeneration is the metadata.generation the controller last reconciled.")
  private Long observedGeneration;

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  /** The condition list, created if absent, for in-place edits. */
  public List<Condition> conditions() {
    if (conditions == null) {
      conditions = new ArrayList<>();
    }
    return conditions;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }
}
