package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A chain port that is an interface of one of the DPUDeployment's own services. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUDeploymentService {

  @Required
  @Size(min = 1, max = 28)
  @JsonPropertyDescription("Name of the service (a key of spec.services).")
  private String name;

  @Required
  @Size(min = 1, max = 15)
  @JsonProperty("interface")
  @JsonPropertyDescription("Interface: name of an interface in that service's DPUServiceConfiguration.")
  private String interfaceName;

  @JsonPropertyDescription("IPAM settings copied to the chain port.")
  private DPUDeploymentIPAM ipam;

  public DPUDeploymentService() {}

  public DPUDeploymentService(String name, String interfaceName) {
    this.name = name;
    this.interfaceName = interfaceName;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  @JsonProperty("interface")
  public String getInterfaceName() {
    return interfaceName;
  }

  @JsonProperty("interface")
  public void setInterfaceName(String interfaceName) {
    this.interfaceName = interfaceName;
  }

  public DPUDeploymentIPAM getIpam() {
    return ipam;
  }

  public void setIpam(DPUDeploymentIPAM ipam) {
    this.ipam = ipam;
  }
}
