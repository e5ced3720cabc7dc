package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A VLAN sub-interface ({@code interfaceType: vlan}; accepted by the API, not implemented on the node side). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VLAN {

  @Required
  @JsonPropertyDescription("VlanID is the VLAN id.")
  private Integer vlanID;

  @Required
  @JsonPropertyDescription("ParentInterfaceRef is the name of the parent interface object. The set controller appends "
      + "-<nodeName> when it creates the per-node ServiceInterface.")
  private String parentInterfaceRef;

  public Integer getVlanID() {
    return vlanID;
  }

  public void setVlanID(Integer vlanID) {
    this.vlanID = vlanID;
  }

  public String getParentInterfaceRef() {
    return parentInterfaceRef;
  }

  public void setParentInterfaceRef(String parentInterfaceRef) {
    this.parentInterfaceRef = parentInterfaceRef;
  }
}
