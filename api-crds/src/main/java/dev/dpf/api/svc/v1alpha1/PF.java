package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A host PF representor ({@code interfaceType: pf}); OVS port {@code pf<pfID>hpf}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.virtualNetwork) || (has(self.virtualNetwork) "
    + "&& self.virtualNetwork == oldSelf.virtualNetwork)", message = "virtualNetwork is immutable once set",
    fieldPath = ".virtualNetwork")
public class PF {

  @Required
  @Min(0)
  @Max(255)
  @JsonPropertyDescription("PfID is the index of the PF.")
  private Integer pfID;

  @JsonPropertyDescription("NicSelector selects the NIC of the representor (later releases).")
  private NicSelector nicSelector;

  @Size(min = 1, max = 253)
  @JsonPropertyDescription("VirtualNetwork attaches the interface to a DPF VPC virtual network instead of br-sfc "
      + "(later releases; immutable once set). Such interfaces are ignored by the SFC node agent.")
  private String virtualNetwork;

  public Integer getPfID() {
    return pfID;
  }

  public void setPfID(Integer pfID) {
    this.pfID = pfID;
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
