package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Spec of the DPUs a DPUSet creates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUTemplateSpec {

  @JsonPropertyDescription("BFB to install on the DPUs.")
  private BFBReference bfb;

  @Default(NodeEffect.DEFAULT_JSON)
  @JsonPropertyDescription("NodeEffect on the host Node while a DPU is provisioned. Defaults to "
      + "{drain: {automaticNodeReboot: true}}.")
  private NodeEffect nodeEffect;

  @JsonPropertyDescription("Cluster holds DPU-cluster settings of the DPUs.")
  private DPUTemplateCluster cluster;

  @JsonPropertyDescription("DPUFlavor is the name of the DPUFlavor (same namespace).")
  private String dpuFlavor;

  @Default("true")
  @JsonPropertyDescription("AutomaticNodeReboot allows the controller to reboot the host after the OS install. "
      + "Removed in later DPF releases. An explicit false is kept (upstream loses it).")
  private Boolean automaticNodeReboot;

  @JsonPropertyDescription("SecureBoot enables secure boot on the DPUs (later DPF releases).")
  private Boolean secureBoot;

  @JsonPropertyDescription("AstraEnabled (later DPF releases).")
  private Boolean astraEnabled;

  public BFBReference getBfb() {
    return bfb;
  }

  public void setBfb(BFBReference bfb) {
    this.bfb = bfb;
  }

  public NodeEffect getNodeEffect() {
    return nodeEffect;
  }

  public void setNodeEffect(NodeEffect nodeEffect) {
    this.nodeEffect = nodeEffect;
  }

  public DPUTemplateCluster getCluster() {
    return cluster;
  }

  public void setCluster(DPUTemplateCluster cluster) {
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
}
