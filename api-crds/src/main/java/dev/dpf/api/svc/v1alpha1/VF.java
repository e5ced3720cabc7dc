package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A host VF representor ({@code interfaceType: vf}); OVS port {@code pf<pfID>vf<vfID>}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.virtualNetwork) || (has(self.virtualNetwork) "
    + "&& self.virtualNetwork == oldSelf.virtualNetwork)", message = "virtualNetwork is immutable once set",
    fieldPath = ".virtualNetwork")
public class VF {

  @Required
  @Min(0)
  @Max(255)
  @JsonPropertyDescription("VfID is the index of the VF.")
  private Integer vfID;

  @Required
  @Min(0)
  @Max(255)
  @JsonPropertyDescription("PfID is the index of the parent PF.")
  private Integer pfID;

  @JsonPropertyDescription("ParentInterfaceRef is the name of the parent interface object (required in v24.10, "
      + "optional later). The set controller appends -<nodeName>. Not used by the node agent.")
  private String parentInterfaceRef;

  @JsonPropertyDescription("NicSelector selects the NIC of the representor (later releases).")
  private NicSelector nicSelector;

  @Size(min = 1, max = 253)
  @JsonPropertyDescription("VirtualNetwork attaches the interface to a DPF VPC virtual network instead of br-sfc "
      + "(later releases; immutable once set). Such interfaces are ignored by the SFC node agent.")
  private String virtualNetwork;

  public Integer getVfID() {
    return vfID;
  }

  public void setVfID(Integer vfID) {
    this.vfID = vfID;
  }

  public Integer getPfID() {
    return pfID;
  }

  public void setPfID(Integer pfID) {
    this.pfID = pfID;
  }

  public String getParentInterfaceRef() {
    return parentInterfaceRef;
  }

  public void setParentInterfaceRef(String parentInterfaceRef) {
    this.parentInterfaceRef = parentInterfaceRef;
  }

  public NicSelector getNicSelector() {
    return nicSelector;
  }

  public void setNicSelector(NicSelector nicSelector) {
    this.nicSelector = nicSelector;
  }

  public String getVirtualNetwork() {
    return virtualNetwork;
  }

  public void setVirtualNetwork(String virtualNetwork) {
    this.virtualNetwork = virtualNetwork;
  }
}
