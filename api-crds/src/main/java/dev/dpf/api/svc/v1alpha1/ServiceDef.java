package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An interface inside a DPUService pod ({@code interfaceType: service}); the CNI creates its OVS port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.virtualNetwork) || (has(self.virtualNetwork) "
    + "&& self.virtualNetwork == oldSelf.virtualNetwork)", message = "virtualNetwork is immutable once set",
    fieldPath = ".virtualNetwork")
public class ServiceDef {

  @Required
  @JsonPropertyDescription("ServiceID identifies the DPUService; matched against the pod label "
      + "svc.dpu.nvidia.com/service.")
  private String serviceID;

  @Required
  @JsonPropertyDescription("Network is the NetworkAttachmentDefinition, as namespace/name or name (same namespace).")
  private String network;

  @Required
  @Size(min = 1, max = 15)
  @JsonPropertyDescription("InterfaceName is the interface name inside the pod (the multus interface request).")
  private String interfaceName;

  @Size(min = 1, max = 253)
  @JsonPropertyDescription("VirtualNetwork attaches the interface to a DPF VPC virtual network instead of br-sfc "
      + "(later releases; immutable once set). Such interfaces are ignored by the SFC node agent.")
  private String virtualNetwork;

  public String getServiceID() {
    return serviceID;
  }

  public void setServiceID(String serviceID) {
    this.serviceID = serviceID;
  }

  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
  }

  public String getInterfaceName() {
    return interfaceName;
  }

  public void setInterfaceName(String interfaceName) {
    this.interfaceName = interfaceName;
  }

  public String getVirtualNetwork() {
    return virtualNetwork;
  }

  public void setVirtualNetwork(String virtualNetwork) {
    this.virtualNetwork = virtualNetwork;
  }
}
