package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An interface of a service in a DPUServiceConfiguration; one DPUServiceInterface is generated per entry. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceInterfaceTemplate {

  @Required
  @Size(min = 1, max = 15)
  @JsonPropertyDescription("Name of the interface inside the pod, e.g. p0_if (at most 15 characters, the Linux "
      + "limit).")
  private String name;

  @Required
  @JsonPropertyDescription("Network is the NetworkAttachmentDefinition, as <namespace>/<name> or <name>.")
  private String network;

  @JsonPropertyDescription("VirtualNetwork name copied to the generated interface (later DPF releases).")
  private String virtualNetwork;

  public ServiceInterfaceTemplate() {}

  public ServiceInterfaceTemplate(String name, String network) {
    this.name = name;
    this.network = network;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
  }

  public String getVirtualNetwork() {
    return virtualNetwork;
  }

  public void setVirtualNetwork(String virtualNetwork) {
    this.virtualNetwork = virtualNetwork;
  }
}
