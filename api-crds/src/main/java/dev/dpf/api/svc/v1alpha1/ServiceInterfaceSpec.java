package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One network attachment point on one DPU node's service-function-chaining bridge (br-sfc). The member object named
 * by {@code interfaceType} must be present ({@code ovn} needs none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ServiceInterfaceSpec.MEMBER_RULE, message = ServiceInterfaceSpec.MEMBER_MESSAGE,
    fieldPath = ".interfaceType")
@ValidationRule(value = "self.interfaceType != 'patch' || has(self.patch)",
    message = ServiceInterfaceSpec.PATCH_MEMBER_MESSAGE, fieldPath = ".patch")
public class ServiceInterfaceSpec {

  /** The v24.10 cross-field rule, extended so that {@code patch} is checked by its own rule. */
  static final String MEMBER_RULE = "(self.interfaceType == 'vlan' && has(self.vlan))"
      + " || (self.interfaceType == 'pf' && has(self.pf))"
      + " || (self.interfaceType == 'vf' && has(self.vf))"
      + " || (self.interfaceType == 'physical' && has(self.physical))"
      + " || (self.interfaceType == 'service' && has(self.service))"
      + " || (self.interfaceType == 'ovn')"
      + " || (self.interfaceType == 'patch')";

  /** The v24.10 message, exact (the backticks are part of it). */
  public static final String MEMBER_MESSAGE = "`for interfaceType=vlan, vlan must be set; "
      + "for interfaceType=pf, pf must be set; for interfaceType=vf, vf must be set; "
      + "for interfaceType=physical, physical must be set; for interfaceType=service, service must be set`";

  /** Message of the patch rule, in the later releases' wording. */
  public static final String PATCH_MEMBER_MESSAGE = "for interfaceType=patch, patch must be set";

  @JsonPropertyDescription("Node is the DPU node this interface exists on. Objects without a node are ignored by "
      + "the node agent. In templates it is overwritten per node.")
  private String node;

  @Required
  @JsonPropertyDescription("InterfaceType is the kind of interface: vlan, physical, pf, vf, ovn, service or patch "
      + "(later releases).")
  private InterfaceType interfaceType;

  @JsonPropertyDescription("Physical is the physical uplink; set iff interfaceType is physical.")
  private PhysicalInterface physical;

  @JsonPropertyDescription("Vlan is the VLAN sub-interface; set iff interfaceType is vlan.")
  private VLAN vlan;

  @JsonPropertyDescription("Vf is the host VF representor; set iff interfaceType is vf.")
  private VF vf;

  @JsonPropertyDescription("Pf is the host PF representor; set iff interfaceType is pf.")
  private PF pf;

  @JsonPropertyDescription("Service is the interface inside a DPUService pod; set iff interfaceType is service.")
  private ServiceDef service;

  @JsonPropertyDescription("Ovn holds options of an ovn interface (later releases; optional).")
  private OVN ovn;

  @JsonPropertyDescription("Patch is the OVS patch pair to an existing bridge; set iff interfaceType is patch "
      + "(later releases).")
  private Patch patch;

  /** Whether the member object named by {@code interfaceType} is present (the CEL rule of this type, in Java). */
  public boolean requiredMemberPresent() {
    if (interfaceType == null) {
      return false;
    }
    return switch (interfaceType) {
      case VLAN -> vlan != null;
      case PHYSICAL -> physical != null;
      case PF -> pf != null;
      case VF -> vf != null;
      case SERVICE -> service != null;
      case PATCH -> patch != null;
      case OVN -> true;
    };
  }

  /** The VPC virtual network of a pf, vf or service interface, or null (such interfaces are not on br-sfc). */
  public String virtualNetwork() {
    if (interfaceType == null) {
      return null;
    }
    return switch (interfaceType) {
      case PF -> pf == null ? null : pf.getVirtualNetwork();
      case VF -> vf == null ? null : vf.getVirtualNetwork();
      case SERVICE -> service == null ? null : service.getVirtualNetwork();
      default -> null;
    };
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public InterfaceType getInterfaceType() {
    return interfaceType;
  }

  public void setInterfaceType(InterfaceType interfaceType) {
    this.interfaceType = interfaceType;
  }

  public PhysicalInterface getPhysical() {
    return physical;
  }

  public void setPhysical(PhysicalInterface physical) {
    this.physical = physical;
  }

  public VLAN getVlan() {
    return vlan;
  }

  public void setVlan(VLAN vlan) {
    this.vlan = vlan;
  }

  public VF getVf() {
    return vf;
  }

  public void setVf(VF vf) {
    this.vf = vf;
  }

  public PF getPf() {
    return pf;
  }

  public void setPf(PF pf) {
    this.pf = pf;
  }

  public ServiceDef getService() {
    return service;
  }

  public void setService(ServiceDef service) {
    this.service = service;
  }

  public OVN getOvn() {
    return ovn;
  }

  public void setOvn(OVN ovn) {
    this.ovn = ovn;
  }

  public Patch getPatch() {
    return patch;
  }

  public void setPatch(Patch patch) {
    this.patch = patch;
  }
}
