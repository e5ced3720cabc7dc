package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;

/**
 * What happens to the host Node while its DPU is provisioned (shared by the DPUSet template and the DPU). At most one
 * effect may be set. {@code drain} has two shapes: the v24.10 object {@code {automaticNodeReboot: <bool>}} and the
 * later boolean; both are accepted and {@link #drainRequested()} / {@link #drainAutomaticNodeReboot()} normalise them.
 *
 * <p>{@code drain} is untyped in the schema (the only way to accept both shapes), and the API server neither lets CEL
 * rules run on an untyped field nor lets a parent rule see it. So admission checks the exclusivity of taint, noEffect,
 * customLabel, customAction and hold, but not of drain against them, and not drain's shape: use
 * {@link #drainShapeValid()} and {@link #effectType()} (which applies upstream's precedence) in controllers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.taint) ? 1 : 0) + (has(self.noEffect) ? 1 : 0) + (has(self.customLabel) ? 1 : 0)"
    + " + (has(self.customAction) ? 1 : 0) + (has(self.hold) ? 1 : 0) <= 1",
    message = "nodeEffect can only be one of \"taint\", \"noEffect\" , \"drain\" and \"customLabel\"")
public class NodeEffect {

  /** The default node effect of the schema: {@code {drain: {automaticNodeReboot: true}}}. */
  public static final String DEFAULT_JSON = "{\"drain\":{\"automaticNodeReboot\":true}}";

  /** Which effect a NodeEffect asks for. */
  public enum Type {
    NONE, NO_EFFECT, CUSTOM_LABEL, TAINT, DRAIN, CUSTOM_ACTION, HOLD
  }

  @JsonPropertyDescription("Taint is added to the host Node during provisioning and removed when the DPU is Ready.")
  private Taint taint;

  @JsonPropertyDescription("NoEffect: do nothing to the host Node.")
  private Boolean noEffect;

  @JsonPropertyDescription("CustomLabel: labels added to the host Node during provisioning (kept while Ready, removed "
      + "on error or deletion).")
  private Map<String, String> customLabel;

  @JsonPropertyDescription("Drain the host Node through a NodeMaintenance. Either an object {automaticNodeReboot: "
      + "<bool, default true>} (v24.10; automaticNodeReboot allows the controller to reboot the host) or a boolean "
      + "(later releases). Untyped in the schema, so its shape and its exclusivity with the other effects are "
      + "checked by the controller, not at admission.")
  private JsonNode drain;

  @JsonPropertyDescription("CustomAction names a ConfigMap whose first key containing 'yaml' holds a Pod manifest, "
      + "run as a Job (later DPF releases).")
  private String customAction;

  @JsonPropertyDescription("Hold: wait until the annotation provisioning.dpu.nvidia.com/wait-for-external-nodeeffect "
      + "is set to false by an external actor (later DPF releases).")
  private Boolean hold;

  @Default("false")
  @JsonPropertyDescription("Force bypasses the multi-DPU synchronisation wait and maxUnavailableDPUNodes (later DPF "
      + "releases).")
  private Boolean force;

  @Default("false")
  @JsonPropertyDescription("ApplyOnLabelChange re-applies the effect when a Ready DPU's cluster.nodeLabels change "
      + "(later DPF releases).")
  private Boolean applyOnLabelChange;

  @JsonPropertyDescription("NodeMaintenanceAdditionalRequestors are added to the NodeMaintenance (later DPF releases).")
  private List<String> nodeMaintenanceAdditionalRequestors;

  @JsonPropertyDescription("UpgradePolicy as written by the DPUDeployment controller of later releases (field names "
      + "unverified; see also applyOnLabelChange and nodeMaintenanceAdditionalRequestors).")
  private NodeEffectUpgradePolicy upgradePolicy;

  /** A v24.10 drain effect: {@code {drain: {automaticNodeReboot: <value>}}}. */
  public static NodeEffect drain(boolean automaticNodeReboot) {
    NodeEffect effect = new NodeEffect();
    ObjectNode drain = JsonNodeFactory.instance.objectNode();
    drain.put("automaticNodeReboot", automaticNodeReboot);
    effect.setDrain(drain);
    return effect;
  }

  /** {@code {noEffect: true}}. */
  public static NodeEffect noEffect() {
    NodeEffect effect = new NodeEffect();
    effect.setNoEffect(Boolean.TRUE);
    return effect;
  }

  /** {@code {taint: <taint>}}. */
  public static NodeEffect taint(Taint taint) {
    NodeEffect effect = new NodeEffect();
    effect.setTaint(taint);
    return effect;
  }

  /** Is drain requested (object shape, or boolean {@code true})? */
  public boolean drainRequested() {
    return drain != null && (drain.isObject() || (drain.isBoolean() && drain.booleanValue()));
  }

  /**
   * Does the drain effect allow the controller to reboot the host? For the v24.10 object shape this is
   * {@code automaticNodeReboot} (default true); the later boolean shape has no such flag and counts as true. False
   * when drain is not requested.
   */
  public boolean drainAutomaticNodeReboot() {
    if (!drainRequested()) {
      return false;
    }
    if (drain.isObject()) {
      JsonNode flag = drain.get("automaticNodeReboot");
      return flag == null || !flag.isBoolean() || flag.booleanValue();
    }
    return true;
  }

  /**
   * Does {@code drain} have one of the accepted shapes (absent, a boolean, or an object whose only key is a boolean
   * {@code automaticNodeReboot})? The CRD cannot check this (CEL cannot see an untyped field), so a controller should
   * treat an invalid shape as a configuration error.
   */
  public boolean drainShapeValid() {
    if (drain == null || drain.isNull() || drain.isBoolean()) {
      return true;
    }
    if (!drain.isObject()) {
      return false;
    }
    JsonNode flag = drain.get("automaticNodeReboot");
    return drain.size() == (flag == null ? 0 : 1) && (flag == null || flag.isBoolean());
  }

  /** A drain effect in the later boolean shape: {@code {drain: true}}. */
  public static NodeEffect drainFlag() {
    NodeEffect effect = new NodeEffect();
    effect.setDrain(BooleanNode.TRUE);
    return effect;
  }

  /**
   * The effect to apply, in the v24.10 precedence (noEffect, customLabel, taint, drain), followed by the later
   * customAction and hold. Admission guarantees at most one is set.
   */
  public Type effectType() {
    if (Boolean.TRUE.equals(noEffect)) {
      return Type.NO_EFFECT;
    }
    if (customLabel != null && !customLabel.isEmpty()) {
      return Type.CUSTOM_LABEL;
    }
    if (taint != null) {
      return Type.TAINT;
    }
    if (drainRequested()) {
      return Type.DRAIN;
    }
    if (customAction != null && !customAction.isEmpty()) {
      return Type.CUSTOM_ACTION;
    }
    if (Boolean.TRUE.equals(hold)) {
      return Type.HOLD;
    }
    return Type.NONE;
  }

  public Taint getTaint() {
    return taint;
  }

  public void setTaint(Taint taint) {
    this.taint = taint;
  }

  public Boolean getNoEffect() {
    return noEffect;
  }

  public void setNoEffect(Boolean noEffect) {
    this.noEffect = noEffect;
  }

  public Map<String, String> getCustomLabel() {
    return customLabel;
  }

  public void setCustomLabel(Map<String, String> customLabel) {
    this.customLabel = customLabel;
  }

  /**
   * The raw {@code drain} value (object or boolean); prefer {@link #drainRequested()} and
   * {@link #drainAutomaticNodeReboot()}.
   */
  public JsonNode getDrain() {
    return drain;
  }

  public void setDrain(JsonNode drain) {
    this.drain = drain;
  }

  public String getCustomAction() {
    return customAction;
  }

  public void setCustomAction(String customAction) {
    this.customAction = customAction;
  }

  public Boolean getHold() {
    return hold;
  }

  public void setHold(Boolean hold) {
    this.hold = hold;
  }

  public Boolean getForce() {
    return force;
  }

  public void setForce(Boolean force) {
    this.force = force;
  }

  public Boolean getApplyOnLabelChange() {
    return applyOnLabelChange;
  }

  public void setApplyOnLabelChange(Boolean applyOnLabelChange) {
    this.applyOnLabelChange = applyOnLabelChange;
  }

  public List<String> getNodeMaintenanceAdditionalRequestors() {
    return nodeMaintenanceAdditionalRequestors;
  }

  public void setNodeMaintenanceAdditionalRequestors(List<String> nodeMaintenanceAdditionalRequestors) {
    this.nodeMaintenanceAdditionalRequestors = nodeMaintenanceAdditionalRequestors;
  }

  public NodeEffectUpgradePolicy getUpgradePolicy() {
    return upgradePolicy;
  }

  public void setUpgradePolicy(NodeEffectUpgradePolicy upgradePolicy) {
    this.upgradePolicy = upgradePolicy;
  }
}
