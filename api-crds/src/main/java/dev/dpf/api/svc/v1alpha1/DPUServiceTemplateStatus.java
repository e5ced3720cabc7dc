package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.DpfStatus;
import java.util.Map;

/** Observed state of a DPUServiceTemplate (empty in v24.10). Condition types: Ready, DPUServiceTemplateReconciled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceTemplateStatus extends DpfStatus {

  @JsonPropertyDescription("Versions are version constraints read from the chart's Chart.yaml annotations, e.g. "
      + "dpu.nvidia.com/doca-version: \">= 2.9\" (later DPF releases).")
  private Map<String, String> versions;

  public Map<String, String> getVersions() {
    return versions;
  }

  public void setVersions(Map<String, String> versions) {
    this.versions = versions;
  }
}
