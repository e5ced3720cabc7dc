package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import io.fabric8.kubernetes.api.model.Node;
import java.util.Map;

/**
 * {@code DPU Cluster Config} (reference 9.11): waits for Node {@code <dpu>} to be Ready in the DPU cluster (the
 * DPU-cluster Node watch wakes the DPU), adds {@code spec.cluster.nodeLabels} to it, then {@code Ready}.
 */
final class DpuClusterConfigPhase implements Phase {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DpuClusterConfigPhase.class);

  @Override
  public DPUPhase phase() {
    return DPUPhase.DPU_CLUSTER_CONFIG;
  }

  @Override
  public Step handle(DpuPass p) {
    DpuNodes.Lookup lookup;
    try {
      lookup = DpuNodes.lookup(p);
    } catch (DpuActionException e) {
      return p.error(DPU.CONDITION_READY, DPU.REASON_DPU_NODE_GET_ERROR, e.getMessage());
    }
    Node node = lookup.node();
    if (node == null || !DpuClusterNodes.ready(node)) {
      LOG.atDebug().addKeyValue("dpu", p.id()).log("waiting for the DPU's Node in the DPU cluster: "
          + (node == null ? "absent" : "not Ready") + (lookup.watched() ? " (watched)" : " (polled)"));
      return lookup.watched() ? Step.waitForEvent() : Step.recheckAfter(p.svc.options.waitInterval());
    }
    Map<String, String> wanted = DpuNodes.wantedLabels(p.dpu);
    if (!DpuNodes.hasLabels(node, wanted)) {
      try {
        p.svc.resources.labelDpuClusterNode(lookup.cluster(), p.name(), wanted);
      } catch (DpuActionException e) {
        return p.error(DPU.CONDITION_READY, DPU.REASON_ERROR_OCCURED, e.getMessage());
      }
    }
    p.setTrue(DPU.CONDITION_READY, DPU.CONDITION_READY, DPU.MESSAGE_CLUSTER_CONFIGURED);
    p.normal(DPU.CONDITION_READY, "Node " + p.name() + " joined DPU cluster "
        + lookup.cluster().getMetadata().getNamespace() + "/" + lookup.cluster().getMetadata().getName());
    return Step.next(DPUPhase.READY);
  }
}
