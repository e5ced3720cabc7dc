package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.BFBPhase;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import java.util.Optional;

/** {@code Pending} (reference 9.4): waits (BFB informer) until the DPU's BFB is Ready. */
final class PendingPhase implements Phase {

  @Override
  public DPUPhase phase() {
    return DPUPhase.PENDING;
  }

  @Override
  public Step handle(DpuPass p) {
    String name = p.dpu.getSpec().getBfb();
    Optional<BFB> bfb = p.svc.watches.bfb(p.namespace(), name);
    if (bfb.isEmpty()) {
      // upstream: an error (back-off); here the BFB informer wakes the DPU when the BFB appears
      p.setFalse(DPU.CONDITION_BFB_READY, DPU.REASON_GET_BFB_FAILED,
          "BFB " + p.namespace() + "/" + name + " not found");
      return Step.waitForEvent();
    }
    if (bfb.get().effectivePhase() != BFBPhase.READY) {
      return Step.waitForEvent();
    }
    p.setTrue(DPU.CONDITION_BFB_READY, "");
    return Step.next(DPUPhase.DMS_DEPLOYMENT);
  }
}
