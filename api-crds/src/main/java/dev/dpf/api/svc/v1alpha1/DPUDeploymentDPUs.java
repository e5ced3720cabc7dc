package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.provisioning.v1alpha1.DPUSetStrategy;
import dev.dpf.api.provisioning.v1alpha1.DPUSetStrategyType;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The DPU provisioning part of a DPUDeployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.bfb) != has(self.blueFieldSoftware)",
    message = "exactly one of bfb or blueFieldSoftware must be set")
@ValidationRule(value = "has(self.flavor) != has(self.flavorTemplate)",
    message = "exactly one of flavor or flavorTemplate must be set")
public class DPUDeploymentDPUs {

  @JsonPropertyDescription("BFB is the name of the BFB object (same namespace) to provision the DPUs with. Exactly "
      + "one of bfb and blueFieldSoftware (latest) is required.")
  private String bfb;

  @JsonPropertyDescription("BlueFieldSoftware is the name of a BlueFieldSoftware object (latest DPF releases); "
      + "alternative to bfb.")
  private String blueFieldSoftware;

  @JsonPropertyDescription("Flavor is the name of the DPUFlavor (same namespace). Exactly one of flavor and "
      + "flavorTemplate (latest) is required.")
  private String flavor;

  @JsonPropertyDescription("FlavorTemplate is the name of a DPUFlavorTemplate (latest DPF releases); alternative to "
      + "flavor.")
  private String flavorTemplate;

  @Size(min = 1, max = 50)
  @ValidationRule(value = "self.all(x, self.exists_one(y, y.nameSuffix == x.nameSuffix))",
      message = "DPUSet.NameSuffix values must be unique")
  @JsonPropertyDescription("DPUSets: one DPUSet <dpudeployment>-<nameSuffix> is generated per entry.")
  private List<DPUDeploymentDPUSet> dpuSets;

  @JsonPropertyDescription("NodeEffect applied to the host during provisioning and disruptive upgrades, copied to the "
      + "generated DPUSets (later DPF releases; the controller uses {drain: true} when absent). Same type as the DPUSet "
      + "template's nodeEffect: drain is an object {automaticNodeReboot} (v24.10) or a boolean (later).")
  private NodeEffect nodeEffect;

  @JsonPropertyDescription("DPUSetStrategy of the generated DPUSets (latest DPF releases). Absent: the controller uses "
      + "{type: RollingUpdate}.")
  private DPUSetStrategy dpuSetStrategy;

  @JsonPropertyDescription("SecureBoot, passed to the DPUs (latest DPF releases).")
  private Boolean secureBoot;

  @JsonPropertyDescription("AstraEnabled, passed to the DPUs (latest DPF releases).")
  private Boolean astraEnabled;

  /** The node effect for generated DPUSets: {@code nodeEffect}, or {@code {drain: true}} when absent. */
  public NodeEffect effectiveNodeEffect() {
    return nodeEffect != null ? nodeEffect : NodeEffect.drainFlag();
  }

  /** The strategy for generated DPUSets: {@code dpuSetStrategy}, or {@code {type: RollingUpdate}} when absent. */
  public DPUSetStrategy effectiveDpuSetStrategy() {
    if (dpuSetStrategy != null) {
      return dpuSetStrategy;
    }
    DPUSetStrategy strategy = new DPUSetStrategy();
    strategy.setType(DPUSetStrategyType.ROLLING_UPDATE);
    return strategy;
  }

  public String getBfb() {
    return bfb;
  }

  public void setBfb(String bfb) {
    this.bfb = bfb;
  }

  public String getBlueFieldSoftware() {
    return blueFieldSoftware;
  }

  public void setBlueFieldSoftware(String blueFieldSoftware) {
    this.blueFieldSoftware = blueFieldSoftware;
  }

  public String getFlavor() {
    return flavor;
  }

  public void setFlavor(String flavor) {
    this.flavor = flavor;
  }

  public String getFlavorTemplate() {
    return flavorTemplate;
  }

  public void setFlavorTemplate(String flavorTemplate) {
    this.flavorTemplate = flavorTemplate;
  }

  public List<DPUDeploymentDPUSet> getDpuSets() {
    return dpuSets;
  }

  public void setDpuSets(List<DPUDeploymentDPUSet> dpuSets) {
    this.dpuSets = dpuSets;
  }

  public NodeEffect getNodeEffect() {
    return nodeEffect;
  }

  public void setNodeEffect(NodeEffect nodeEffect) {
    this.nodeEffect = nodeEffect;
  }

  public DPUSetStrategy getDpuSetStrategy() {
    return dpuSetStrategy;
  }

  public void setDpuSetStrategy(DPUSetStrategy dpuSetStrategy) {
    this.dpuSetStrategy = dpuSetStrategy;
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
