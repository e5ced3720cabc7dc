package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A port of a chain switch (upstream type "Port"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceChainPort {

  @Required
  @JsonPropertyDescription("ServiceInterface references the ServiceInterface joined to the switch.")
  private ServiceIfc serviceInterface;

  public ServiceIfc getServiceInterface() {
    return serviceInterface;
  }

  public void setServiceInterface(ServiceIfc serviceInterface) {
    this.serviceInterface = serviceInterface;
  }
}
