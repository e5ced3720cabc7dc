package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.IntOrString;

/** Parameters of the RollingUpdate strategy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RollingUpdateDPU {

  @Default("1")
  @JsonPropertyDescription("MaxUnavailable is the maximum number (> 0) or percentage (1%-100%, rounded up) of DPUs "
      + "that may be unavailable during the update. Defaults to 1. Deprecated in later DPF releases.")
  private IntOrString maxUnavailable;

  public IntOrString getMaxUnavailable() {
    return maxUnavailable;
  }

  public void setMaxUnavailable(IntOrString maxUnavailable) {
    this.maxUnavailable = maxUnavailable;
  }
}
