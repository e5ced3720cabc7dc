package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** A port of a DPUDeployment switch: exactly one of {@code service} and {@code serviceInterface}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.service) && !has(self.serviceInterface)) || (!has(self.service) && has(self.serviceInterface))",
    message = "either service or serviceInterface must be specified")
public class DPUDeploymentPort {

  @JsonPropertyDescription("Service: an interface of one of this DPUDeployment's services.")
  private DPUDeploymentService service;

  @JsonPropertyDescription("ServiceInterface: an existing DPUServiceInterface selected by labels.")
  private DPUDeploymentServiceInterface serviceInterface;

  public DPUDeploymentService getService() {
    return service;
  }

  public void setService(DPUDeploymentService service) {
    this.service = service;
  }

  public DPUDeploymentServiceInterface getServiceInterface() {
    return serviceInterface;
  }

  public void setServiceInterface(DPUDeploymentServiceInterface serviceInterface) {
    this.serviceInterface = serviceInterface;
  }
}
