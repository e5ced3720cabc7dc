package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SelectableField;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Desired state of a DPU. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.cluster) || !has(oldSelf.cluster.name) || oldSelf.cluster.name == '' || "
    + "(has(self.cluster) && has(self.cluster.name))", fieldPath = ".cluster.name", message = "Value is immutable")
@ValidationRule(value = "!has(oldSelf.cluster) || !has(oldSelf.cluster.namespace) || oldSelf.cluster.namespace == '' "
    + "|| (has(self.cluster) && has(self.cluster.namespace))", fieldPath = ".cluster.namespace",
    message = "Value is immutable")
public class DPUSpec {

  @Required
  // selectable (fieldSelector spec.nodeName=<node>): the node agent watches only the DPUs of its node
  @SelectableField
  @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
  @JsonPropertyDescription("NodeName is the host Kubernetes Node that contains the DPU. Immutable.")
  private String nodeName;

  @Required
  @JsonPropertyDescription("BFB is the name of the BFB object to install (same namespace).")
  private String bfb;

  @Pattern("^([0-9a-fA-F]{4}[-])?[0-9a-fA-F]{2}[-][0-9a-fA-F]{2}$")
  @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
  @JsonPropertyDescription("PCIAddress of the DPU in label form (0000-4b-00 or 4b-00). Unused in v24.10 (the "
      + "controller reads the provisioning.dpu.nvidia.com/dpu-pciAddress label). Immutable.")
  private String pciAddress;

  @Default(NodeEffect.DEFAULT_JSON)
  @JsonPropertyDescription("NodeEffect on the host Node during provisioning. Defaults to "
      + "{drain: {automaticNodeReboot: true}}.")
  private NodeEffect nodeEffect;

  @JsonPropertyDescription("Cluster is the DPU cluster the DPU joins.")
  private K8sCluster cluster;

  @JsonPropertyDescription("DPUFlavor is the name of the DPUFlavor (same namespace).")
  private String dpuFlavor;

  @Default("true")
  @JsonPropertyDescription("AutomaticNodeReboot allows the controller to reboot the host after the OS install. "
      + "Removed in later DPF releases. An explicit false is kept (upstream loses it).")
  private Boolean automaticNodeReboot;

  @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
  @JsonPropertyDescription("DPUNodeName is the DPUNode that contains the DPU (later DPF releases). Immutable.")
  private String dpuNodeName;

  @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
  @JsonPropertyDescription("DPUDeviceName is the DPUDevice of the DPU (later DPF releases). Immutable.")
  private String dpuDeviceName;

  @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
  @JsonPropertyDescription("SerialNumber of the DPU (later DPF releases). Immutable.")
  private String serialNumber;

  @JsonPropertyDescription("SecureBoot enables secure boot (later DPF releases).")
  private Boolean secureBoot;

  @JsonPropertyDescription("AstraEnabled (later DPF releases).")
  private Boolean astraEnabled;

  @JsonProperty("bmcIP")
  @JsonPropertyDescription("BmcIP of the DPU BMC (later DPF releases; deprecated).")
  private String bmcIP;

  public String getNodeName() {
    return nodeName;
  }

  public void setNodeName(String nodeName) {
    this.nodeName = nodeName;
  }

  public String getBfb() {
    return bfb;
  }

  public void setBfb(String bfb) {
    this.bfb = bfb;
  }

  public String getPciAddress() {
    return pciAddress;
  }

  public void setPciAddress(String pciAddress) {
    this.pciAddress = pciAddress;
  }

  public NodeEffect getNodeEffect() {
    return nodeEffect;
  }

  public void setNodeEffect(NodeEffect nodeEffect) {
    this.nodeEffect = nodeEffect;
  }

  public K8sCluster getCluster() {
    return cluster;
  }

  public void setCluster(K8sCluster cluster) {
    this.cluster = cluster;
  }

  public String getDpuFlavor() {
    return dpuFlavor;
  }

  public void setDpuFlavor(String dpuFlavor) {
    this.dpuFlavor = dpuFlavor;
  }

  public Boolean getAutomaticNodeReboot() {
    return automaticNodeReboot;
  }

  public void setAutomaticNodeReboot(Boolean automaticNodeReboot) {
    this.automaticNodeReboot = automaticNodeReboot;
  }

  public String getDpuNodeName() {
    return dpuNodeName;
  }

  public void setDpuNodeName(String dpuNodeName) {
    this.dpuNodeName = dpuNodeName;
  }

  public String getDpuDeviceName() {
    return dpuDeviceName;
  }

  public void setDpuDeviceName(String dpuDeviceName) {
    this.dpuDeviceName = dpuDeviceName;
  }

  public String getSerialNumber() {
    return serialNumber;
  }

  public void setSerialNumber(String serialNumber) {
    this.serialNumber = serialNumber;
  }

  public Boolean getSecureBoot() {
    return secureBoot;
  }

  public void setSecureBoot(Boolean secureBoot) {
    this.secureBoot = secureBoot;
  }

  public Boolean getAstraEnabled() {
    return astraEnabled;
  }

  public void setAstraEnabled(Boolean astraEnabled) {
    this.astraEnabled = astraEnabled;
  }

  public String getBmcIP() {
    return bmcIP;
  }

  public void setBmcIP(String bmcIP) {
    this.bmcIP = bmcIP;
  }
}
