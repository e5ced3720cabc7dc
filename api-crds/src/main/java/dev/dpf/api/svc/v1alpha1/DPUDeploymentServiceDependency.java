package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A dependency of a DPUDeployment service on another service of the same DPUDeployment (later DPF releases). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUDeploymentServiceDependency {

  @Required
  @JsonPropertyDescription("Name of the other service (a key of spec.services).")
  private String name;

  public DPUDeploymentServiceDependency() {}

  public DPUDeploymentServiceDependency(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
