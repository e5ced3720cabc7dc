package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.DpfStatus;

/** Observed state of the DPFOperatorConfig. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPFOperatorConfigStatus extends DpfStatus {

  @JsonPropertyDescription("Version is the DPF version that last reconciled successfully (later releases); an "
      + "upgrade is in progress while it differs from the running operator's version.")
  private String version;

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }
}
