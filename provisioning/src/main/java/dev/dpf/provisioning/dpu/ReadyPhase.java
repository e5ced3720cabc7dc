package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.provisioning.nodeeffect.NodeEffectException;
import io.fabric8.kubernetes.api.model.Node;

/**
 * {@code Ready} (reference 9.12): re-creates a missing DMS or host network pod (with the Certificate), releases the
 * taint or drain node effect (customLabel stays, quirk Q10), and mirrors the readiness of Node {@code <dpu>} in the
 * DPU cluster into {@code Ready} ({@code DPUNodeReady} / {@code DPUNodeNotReady}, phase stays Ready); labels missing on
 * that Node send the DPU back to {@code DPU Cluster Config}. Pods, the host Node and the DPU-cluster Node are
 * watched; a slow drift net covers the rest.
 */
final class ReadyPhase implements Phase {

  @Override
  public DPUPhase phase() {
    return DPUPhase.READY;
  }

  @Override
  public Step handle(DpuPass p) {
    Step health = recreatePods(p);
    if (health != null) {
      return health;
    }
    Node host = p.svc.watches.node(p.nodeName()).orElse(null);
    try {
      p.svc.nodeEffects.releaseOnReady(p.dpu, host);
    } catch (NodeEffectException e) {
      if (e.terminal()) {
        return p.fail(DPU.CONDITION_READY, DPU.REASON_NODE_EFFECT_ERROR, e.getMessage());
      }
      return p.error(DPU.CONDITION_READY, DPU.REASON_NODE_EFFECT_ERROR, e.getMessage());
    }
    DpuNodes.Lookup lookup;
    try {
      lookup = DpuNodes.lookup(p);
    } catch (DpuNodes.LookupException e) {
      return p.error(DPU.CONDITION_READY, e.reason, e.getMessage());
    }
    Node node = lookup.node();
    Step later = lookup.watched() ? Step.recheckAfter(p.svc.options.readyRecheck())
        : Step.recheckAfter(p.svc.options.waitInterval());
    if (node == null) {
      p.setFalse(DPU.CONDITION_READY, DPU.REASON_DPU_NODE_GET_ERROR, "Node " + p.name() + " not found in DPU cluster "
          + lookup.cluster().getMetadata().getNamespace() + "/" + lookup.cluster().getMetadata().getName());
      return later;
    }
    if (!DpuClusterNodes.ready(node)) {
      p.setFalse(DPU.CONDITION_READY, DPU.REASON_DPU_NODE_NOT_READY, "DPU Node " + p.name() + " is not Ready");
      return later;
    }
    p.setTrue(DPU.CONDITION_READY, DPU.REASON_DPU_NODE_READY, "");
    if (!DpuNodes.hasLabels(node, DpuNodes.wantedLabels(p.dpu))) {
      return Step.next(DPUPhase.DPU_CLUSTER_CONFIG);
    }
    return later;
  }

  /** Health check: the DMS pod (and Certificate) and the host network pod exist; null when nothing failed. */
  private static Step recreatePods(DpuPass p) {
    try {
      if (p.svc.watches.pod(p.namespace(), DpuObjects.dmsPodName(p.dpu)).isEmpty() && p.svc.settings.ready()) {
        Node host = p.svc.watches.node(p.nodeName()).orElse(null);
        if (host == null) {
          throw new DpuActionException(p.hostNodeMissing(null));
        }
        p.svc.resources.ensureCertificate(p.dpu, host);
        p.svc.resources.create(DmsPods.dmsPod(p));
        p.normal("DMSPodCreated", "Re-created the missing pod " + DpuObjects.dmsPodName(p.dpu));
      }
      if (p.svc.watches.pod(p.namespace(), DpuObjects.hostNetworkPodName(p.dpu)).isEmpty()
          && p.svc.settings.ready()) {
        p.svc.resources.create(DmsPods.hostNetworkPod(p));
        p.normal("HostNetworkPodCreated", "Re-created the missing pod " + DpuObjects.hostNetworkPodName(p.dpu));
      }
    } catch (DpuActionException e) {
      return p.error(DPU.CONDITION_READY, DPU.REASON_DPU_NODE_NOT_READY, e.getMessage());
    }
    return null;
  }
}
