package dev.dpf.provisioning.dpucluster;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import java.util.stream.Stream;

/**
 * Chooses the DPUCluster a DPU without {@code spec.cluster.name} joins (reference 3.8). A strategy: the v24.10 rule
 * is {@link FirstClusterAllocator}; a selector-based one (later releases' {@code spec.cluster.selector}) can replace
 * it behind the same interface. The caller (the DPU controller) patches {@code spec.cluster} on success and calls
 * {@link #release} if that patch fails.
 */
public interface DpuClusterAllocator {

  /** What the allocator sees: DPUClusters and DPUs, normally the DPU controller's informer caches. */
  interface Inventory {
    Stream<DPUCluster> clusters();

    Stream<DPU> dpus();
  }

  /** The outcome of an allocation. */
  sealed interface Allocation permits Assigned, Unavailable {}

  /** The DPU goes to this cluster. */
  record Assigned(DPUCluster cluster) implements Allocation {}

  /** No cluster can take the DPU now; the message is upstream's error text. */
  record Unavailable(String message) implements Allocation {}

  /** Picks a cluster for the DPU and reserves its place until the DPU shows up assigned in the inventory. */
  Allocation allocate(DPU dpu, Inventory inventory);

  /** Drops the reservation of a DPU whose assignment was not written. */
  void release(DPU dpu);
}
