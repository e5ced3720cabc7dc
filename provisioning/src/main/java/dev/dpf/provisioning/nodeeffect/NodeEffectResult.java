package dev.dpf.provisioning.nodeeffect;

import dev.dpf.api.provisioning.v1alpha1.NodeEffect;

/**
 * Outcome of applying or releasing a node effect.
 *
 * @param done the effect is in place (apply) or gone (release); when false the caller waits for an event
 * @param effect which effect was handled
 * @param reason when waiting: the DPU {@code NodeEffectReady} reason to report (e.g.
 *     {@value NodeEffects#REASON_NODE_MAINTENANCE_NOT_READY}); null when done
 * @param message when waiting: what is awaited; empty when done
 */
public record NodeEffectResult(boolean done, NodeEffect.Type effect, String reason, String message) {

  public static NodeEffectResult done(NodeEffect.Type effect) {
    return new NodeEffectResult(true, effect, null, "");
  }

  public static NodeEffectResult waiting(NodeEffect.Type effect, String reason, String message) {
    return new NodeEffectResult(false, effect, reason, message);
  }
}
