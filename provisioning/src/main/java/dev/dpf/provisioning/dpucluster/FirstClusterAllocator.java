package dev.dpf.provisioning.dpucluster;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.K8sCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The v24.10 allocation rule (reference 3.8, quirk Q9 kept): always the first DPUCluster in alphabetical order of
 * name (namespace ignored; ties broken by namespace), no fallback to the next one. Errors, as upstream:
 * {@code no cluster available}, {@code cluster <name> is not ready, phase: <phase>},
 * {@code cluster <ns>/<name> is full, max node: <n>}.
 *
 * <p>Occupancy is counted from the inventory (the DPU informer cache): DPUs whose {@code spec.cluster} names the
 * cluster and that are not being deleted. Because the cache lags behind the DPU patch that records an assignment, the
 * allocator also counts its own recent assignments until the cache shows them (or {@link #RESERVATION_TTL} passes),
 * so two DPUs allocated back to back cannot overfill a cluster. No other in-memory state: a restart loses nothing.
 */
public final class FirstClusterAllocator implements DpuClusterAllocator {

  /** How long an assignment not yet visible in the inventory still counts. */
  public static final Duration RESERVATION_TTL = Duration.ofSeconds(30);

  private record Reservation(String clusterNamespace, String clusterName, Instant at) {}

  private final Clock clock;
  private final Map<String, Reservation> reservations = new HashMap<>();

  public FirstClusterAllocator(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Allocation allocate(DPU dpu, Inventory inventory) {
    List<DPUCluster> clusters = inventory.clusters()
        .filter(c -> c.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing((DPUCluster c) -> c.getMetadata().getName())
            .thenComparing(c -> c.getMetadata().getNamespace()))
        .toList();
    Optional<DPUCluster> current = assignedCluster(dpu, clusters);
    if (current.isPresent()) {
      return new Assigned(current.get());
    }
    if (clusters.isEmpty()) {
      return new Unavailable("no cluster available");
    }
    DPUCluster first = clusters.get(0);
    DPUClusterPhase phase = first.effectivePhase();
    if (phase != DPUClusterPhase.READY) {
      return new Unavailable("cluster " + first.getMetadata().getName() + " is not ready, phase: " + phase.value());
    }
    List<DPU> dpus = inventory.dpus().toList();
    expireReservations(dpus);
    int max = first.effectiveMaxNodes();
    if (occupancy(first, dpus, dpu.getMetadata().getUid()) >= max) {
      return new Unavailable("cluster " + first.getMetadata().getNamespace() + "/" + first.getMetadata().getName()
          + " is full, max node: " + max);
    }
    reservations.put(dpu.getMetadata().getUid(), new Reservation(first.getMetadata().getNamespace(),
        first.getMetadata().getName(), clock.instant()));
    return new Assigned(first);
  }

  @Override
  public synchronized void release(DPU dpu) {
    reservations.remove(dpu.getMetadata().getUid());
  }

  /** DPUs counted against the cluster: assigned in the inventory and not being deleted, plus pending reservations. */
  public synchronized int occupancy(DPUCluster cluster, List<DPU> dpus, String exceptUid) {
    String ns = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    Set<String> counted = dpus.stream()
        .filter(d -> !d.getMetadata().getUid().equals(exceptUid))
        .filter(FirstClusterAllocator::counts)
        .filter(d -> assignedTo(d, ns, name))
        .map(d -> d.getMetadata().getUid())
        .collect(Collectors.toSet());
    long pending = reservations.entrySet().stream()
        .filter(e -> !e.getKey().equals(exceptUid) && !counted.contains(e.getKey()))
        .filter(e -> e.getValue().clusterNamespace().equals(ns) && e.getValue().clusterName().equals(name))
        .count();
    return counted.size() + (int) pending;
  }

  /** Whether a DPU occupies a place in its cluster: not being deleted (upstream releases DPUs in Deleting). */
  static boolean counts(DPU dpu) {
    return dpu.getMetadata().getDeletionTimestamp() == null
        && (dpu.getStatus() == null || dpu.getStatus().getPhase() != DPUPhase.DELETING);
  }

  static boolean assignedTo(DPU dpu, String namespace, String name) {
    K8sCluster cluster = dpu.getSpec() == null ? null : dpu.getSpec().getCluster();
    if (cluster == null || cluster.getName() == null || !cluster.getName().equals(name)) {
      return false;
    }
    String dpuClusterNamespace = cluster.getNamespace() == null || cluster.getNamespace().isEmpty()
        ? dpu.getMetadata().getNamespace() : cluster.getNamespace();
    return namespace.equals(dpuClusterNamespace);
  }

  private static Optional<DPUCluster> assignedCluster(DPU dpu, List<DPUCluster> clusters) {
    return clusters.stream()
        .filter(c -> assignedTo(dpu, c.getMetadata().getNamespace(), c.getMetadata().getName()))
        .findFirst();
  }

  /** Drops reservations that the inventory now shows (assigned, or deleted) and those past their TTL. */
  private void expireReservations(List<DPU> dpus) {
    Map<String, DPU> byUid = dpus.stream().collect(Collectors.toMap(d -> d.getMetadata().getUid(), d -> d,
        (a, b) -> a));
    Instant now = clock.instant();
    for (Iterator<Map.Entry<String, Reservation>> it = reservations.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Reservation> e = it.next();
      DPU seen = byUid.get(e.getKey());
      boolean visible = seen != null && seen.getSpec() != null && seen.getSpec().getCluster() != null
          && seen.getSpec().getCluster().getName() != null && !seen.getSpec().getCluster().getName().isEmpty();
      if (visible || now.isAfter(e.getValue().at().plus(RESERVATION_TTL))) {
        it.remove();
      }
    }
  }
}
