package dev.dpf.provisioning.dpuset;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What this controller did that the informer cache may not show yet (the "expectations" of Kubernetes' DaemonSet
 * controller): DPUs it created (by name) and deleted (by UID), per DPUSet. Without them a reconcile that runs before
 * the cache catches up would create a DPU twice or count a deleted DPU as available and exceed
 * {@code maxUnavailable}. An expectation ends when the cache shows it, or after {@link #TTL} as a safety net.
 */
final class Expectations {

  static final Duration TTL = Duration.ofMinutes(2);

  private record Pending(Map<String, Instant> creates, Map<String, Instant> deletes) {}

  private final Clock clock;
  private final Map<String, Pending> bySet = new ConcurrentHashMap<>();

  Expectations(Clock clock) {
    this.clock = clock;
  }

  void created(String set, String dpuName) {
    pending(set).creates().put(dpuName, Instant.now(clock));
  }

  /** The create of {@code dpuName} failed: nothing is coming. */
  void createFailed(String set, String dpuName) {
    createObserved(set, dpuName);
  }

  void deleted(String set, String dpuUid) {
    pending(set).deletes().put(dpuUid, Instant.now(clock));
  }

  /**
   * The informer delivered the creation of {@code dpuName}: the create expectation is met even if the DPU is deleted
   * before a reconcile sees it in the cache (otherwise a DPU created and deleted in between would block its
   * re-creation until the expectation expires).
   */
  void createObserved(String set, String dpuName) {
    Pending p = bySet.get(set);
    if (p != null) {
      p.creates().remove(dpuName);
    }
  }

  /** Drops what {@code cached} (the owned DPUs the cache shows) already reflects, and expired entries. */
  void observe(String set, List<DPU> cached) {
    Pending p = bySet.get(set);
    if (p == null) {
      return;
    }
    Instant expiry = Instant.now(clock).minus(TTL);
    Set<String> names = cached.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
    Set<String> liveUids = cached.stream().filter(d -> d.getMetadata().getDeletionTimestamp() == null)
        .map(d -> d.getMetadata().getUid()).collect(Collectors.toSet());
    p.creates().entrySet().removeIf(e -> names.contains(e.getKey()) || e.getValue().isBefore(expiry));
    p.deletes().entrySet().removeIf(e -> !liveUids.contains(e.getKey()) || e.getValue().isBefore(expiry));
    if (p.creates().isEmpty() && p.deletes().isEmpty()) {
      bySet.remove(set, p);
    }
  }

  Set<String> pendingCreates(String set) {
    Pending p = bySet.get(set);
    return p == null ? Set.of() : Set.copyOf(p.creates().keySet());
  }

  Set<String> pendingDeletes(String set) {
    Pending p = bySet.get(set);
    return p == null ? Set.of() : Set.copyOf(p.deletes().keySet());
  }

  void forget(String set) {
    bySet.remove(set);
  }

  private Pending pending(String set) {
    return bySet.computeIfAbsent(set, k -> new Pending(new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
  }
}
