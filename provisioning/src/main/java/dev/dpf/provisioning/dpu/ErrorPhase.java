package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.provisioning.nodeeffect.NodeEffectException;

/**
 * {@code Error} (reference 9.13, quirk Q8): terminal; each pass (events only, no polling) removes the node effect.
 * The retry annotation (handled by the reconciler before any phase) starts the DPU again from {@code Initializing}.
 */
final class ErrorPhase implements Phase {

  @Override
  public DPUPhase phase() {
    return DPUPhase.ERROR;
  }

  @Override
  public Step handle(DpuPass p) {
    try {
      p.svc.nodeEffects.releaseAll(p.dpu, p.svc.watches.node(p.nodeName()).orElse(null));
    } catch (NodeEffectException e) {
      p.warn(DPU.REASON_NODE_EFFECT_ERROR, e.getMessage());
      return e.terminal() ? Step.waitForEvent() : Step.retry();
    }
    return Step.waitForEvent();
  }
}
