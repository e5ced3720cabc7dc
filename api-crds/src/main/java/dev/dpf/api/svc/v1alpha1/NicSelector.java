package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Selects the NIC (and controller) whose representor a pf/vf interface uses, on multi-NIC or multi-host systems
 * (later releases).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'pci' || has(self.pci)", message = "pci must be set when type is pci",
    fieldPath = ".pci")
public class NicSelector {

  @Required
  @JsonPropertyDescription("Type of the selector: dpu (the DPU's own NIC) or pci (the NIC at pci.address).")
  private NicSelectorType type;

  @JsonPropertyDescription("PCI selects the NIC by its PCI address; used with type pci.")
  private PCISelector pci;

  @Min(0)
  @Max(255)
  @JsonPropertyDescription("ControllerNumber of the host PF/VF representors (multi-host). Unset means 1.")
  private Integer controllerNumber;

  public NicSelectorType getType() {
    return type;
  }

  public void setType(NicSelectorType type) {
    this.type = type;
  }

  public PCISelector getPci() {
    return pci;
  }

  public void setPci(PCISelector pci) {
    this.pci = pci;
  }

  public Integer getControllerNumber() {
    return controllerNumber;
  }

  public void setControllerNumber(Integer controllerNumber) {
    this.controllerNumber = controllerNumber;
  }
}
