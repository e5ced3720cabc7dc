package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Security options of a service (latest DPF releases). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceSecurity {

  @JsonPropertyDescription("Privileged allows pods of this service to run privileged containers in the DPU "
      + "cluster.")
  private Boolean privileged;

  public DPUServiceSecurity() {}

  public DPUServiceSecurity(Boolean privileged) {
    this.privileged = privileged;
  }

  public Boolean getPrivileged() {
    return privileged;
  }

  public void setPrivileged(Boolean privileged) {
    this.privileged = privileged;
  }
}
