package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Optional collectors of the DPU detector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUDetectorCollectors {

  @JsonPropertyDescription("PSID enables the collector of the DPU PSID.")
  private Boolean psID;

  public Boolean getPsID() {
    return psID;
  }

  public void setPsID(Boolean psID) {
    this.psID = psID;
  }
}
