package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.provisioning.dpucluster.DpuClusterAllocator;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * {@code Initializing} (reference 9.2): the host Node must carry the OOB-bridge label, and the DPU gets a DPUCluster
 * from the allocator (recorded in {@code spec.cluster}; the phase then runs once more, as upstream).
 */
final class InitializingPhase implements Phase {

  /** A full cluster emits no event when a place frees up: look again this often. */
  static final Duration CLUSTER_RECHECK = Duration.ofSeconds(30);

  @Override
  public DPUPhase phase() {
    return DPUPhase.INITIALIZING;
  }

  @Override
  public Step handle(DpuPass p) {
    Node node = p.svc.watches.node(p.nodeName()).orElse(null);
    if (node == null || node.getMetadata().getDeletionTimestamp() != null) {
      // the Node informer wakes the DPU when the Node appears
      p.setFalse(DPU.CONDITION_INITIALIZED, DPU.REASON_ERROR_OCCURED, p.hostNodeMissing(node));
      p.warn(DPU.REASON_ERROR_OCCURED, p.hostNodeMissing(node));
      return Step.waitForEvent();
    }
    if (node.getMetadata().getLabels() == null
        || !node.getMetadata().getLabels().containsKey(ProvisioningLabels.NODE_DPU_OOB_BRIDGE_CONFIGURED)) {
      p.setFalse(DPU.CONDITION_INITIALIZED, DPU.REASON_DPU_OOB_BRIDGE_NOT_CONFIGURED,
          DPU.MESSAGE_DPU_OOB_BRIDGE_NOT_CONFIGURED);
      return Step.waitForEvent();
    }
    if (DpuWatches.unassigned(p.dpu)) {
      DpuClusterAllocator.Allocation allocation = p.svc.allocator.allocate(p.dpu, inventory(p.svc.watches));
      if (allocation instanceof DpuClusterAllocator.Unavailable u) {
        p.setFalse(DPU.CONDITION_INITIALIZED, DPU.REASON_DPU_CLUSTER_NOT_READY, u.message());
        return Step.recheckAfter(CLUSTER_RECHECK);
      }
      DPUCluster cluster = ((DpuClusterAllocator.Assigned) allocation).cluster();
      try {
        p.svc.resources.assignCluster(p.dpu, cluster);
      } catch (DpuActionException e) {
        p.svc.allocator.release(p.dpu);
        return p.error(DPU.CONDITION_INITIALIZED, DPU.REASON_DPU_CLUSTER_NOT_READY, e.getMessage());
      }
      p.normal("ClusterAllocated", "DPU allocated to DPUCluster " + cluster.getMetadata().getNamespace() + "/"
          + cluster.getMetadata().getName());
      return Step.again();
    }
    p.setTrue(DPU.CONDITION_INITIALIZED, "");
    return Step.next(DPUPhase.NODE_EFFECT);
  }

  static DpuClusterAllocator.Inventory inventory(DpuWatches watches) {
    return new DpuClusterAllocator.Inventory() {
      @Override
      public Stream<DPUCluster> clusters() {
        return watches.clusters().stream();
      }

      @Override
      public Stream<DPU> dpus() {
        return watches.dpus().stream();
      }
    };
  }
}
