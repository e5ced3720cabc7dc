package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A physical uplink of the DPU ({@code interfaceType: physical}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PhysicalInterface {

  @Required
  @JsonPropertyDescription("InterfaceName is the netdev and OVS port name of the uplink, e.g. p0 or p1.")
  private String interfaceName;

  public String getInterfaceName() {
    return interfaceName;
  }

  public void setInterfaceName(String interfaceName) {
    this.interfaceName = interfaceName;
  }
}
