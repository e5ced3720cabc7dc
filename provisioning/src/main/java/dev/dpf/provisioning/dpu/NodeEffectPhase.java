package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.provisioning.nodeeffect.NodeEffectException;
import dev.dpf.provisioning.nodeeffect.NodeEffectResult;
import io.fabric8.kubernetes.api.model.Node;

/**
 * {@code Node Effect} (reference 9.3, 11.6): taint, customLabel, drain (NodeMaintenance), hold or noEffect through
 * {@code NodeEffects}. Waiting (NodeMaintenance not Ready, hold annotation still true) ends with an event of the
 * NodeMaintenance or the DPU. API failures are retried with back-off; an effect this release cannot carry out
 * ({@code InvalidNodeEffect}) is terminal.
 */
final class NodeEffectPhase implements Phase {

  @Override
  public DPUPhase phase() {
    return DPUPhase.NODE_EFFECT;
  }

  @Override
  public Step handle(DpuPass p) {
    Node node = p.svc.watches.node(p.nodeName()).orElse(null);
    NodeEffectResult result;
    try {
      result = p.svc.nodeEffects.apply(p.dpu, node);
    } catch (NodeEffectException e) {
      if (e.terminal()) {
        return p.fail(DPU.CONDITION_NODE_EFFECT_READY, e.reason(), e.getMessage());
      }
      return p.error(DPU.CONDITION_NODE_EFFECT_READY, e.reason(), e.getMessage());
    }
    if (!result.done()) {
      p.setFalse(DPU.CONDITION_NODE_EFFECT_READY, result.reason(), result.message());
      return Step.waitForEvent();
    }
    p.setTrue(DPU.CONDITION_NODE_EFFECT_READY, "");
    return Step.next(DPUPhase.PENDING);
  }
}
