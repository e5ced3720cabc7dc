package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.DpfStatus;

/** Observed state of a ServiceChainSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceChainSetStatus extends DpfStatus {

  @JsonPropertyDescription("NumberApplied is the number of ServiceChains created for this set.")
  private Integer numberApplied;

  @JsonPropertyDescription("NumberReady is the number of ServiceChains that are ready (never populated in v24.10).")
  private Integer numberReady;

  public Integer getNumberApplied() {
    return numberApplied;
  }

  public void setNumberApplied(Integer numberApplied) {
    this.numberApplied = numberApplied;
  }

  public Integer getNumberReady() {
    return numberReady;
  }

  public void setNumberReady(Integer numberReady) {
    this.numberReady = numberReady;
  }
}
