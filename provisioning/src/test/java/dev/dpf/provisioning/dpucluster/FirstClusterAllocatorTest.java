package dev.dpf.provisioning.dpucluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterStatus;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUStatus;
import dev.dpf.api.provisioning.v1alpha1.K8sCluster;
import dev.dpf.provisioning.dpucluster.DpuClusterAllocator.Allocation;
import dev.dpf.provisioning.dpucluster.DpuClusterAllocator.Assigned;
import dev.dpf.provisioning.dpucluster.DpuClusterAllocator.Unavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The v24.10 allocation rule, counting DPUs from an inventory (the informer cache in production). */
class FirstClusterAllocatorTest {

  final MutableClock clock = new MutableClock();
  final FirstClusterAllocator allocator = new FirstClusterAllocator(clock);
  final List<DPUCluster> clusters = new ArrayList<>();
  final List<DPU> dpus = new ArrayList<>();
  final DpuClusterAllocator.Inventory inventory = new DpuClusterAllocator.Inventory() {
    @Override
    public Stream<DPUCluster> clusters() {
      return clusters.stream();
    }

    @Override
    public Stream<DPU> dpus() {
      return dpus.stream();
    }
  };

  @Test
  void noClusterAvailable() {
    assertThat(allocator.allocate(dpu("a", null), inventory)).isEqualTo(new Unavailable("no cluster available"));
  }

  @Test
  void alwaysTheAlphabeticallyFirstClusterEvenWhenNotReady() {
    clusters.add(cluster("ns-a", "zeta", DPUClusterPhase.READY, 10));
    clusters.add(cluster("ns-z", "alpha", DPUClusterPhase.CREATING, 10));
    assertThat(allocator.allocate(dpu("a", null), inventory))
        .isEqualTo(new Unavailable("cluster alpha is not ready, phase: Creating"));
    clusters.get(1).getStatus().setPhase(DPUClusterPhase.READY);
    assertThat(name(allocator.allocate(dpu("a", null), inventory))).isEqualTo("ns-z/alpha");
  }

  @Test
  void missingPhaseCountsAsPendingAndDeletingClustersAreSkipped() {
    DPUCluster gone = cluster("ns", "aaa", DPUClusterPhase.READY, 10);
    gone.getMetadata().setDeletionTimestamp("2024-12-02T10:00:00Z");
    clusters.add(gone);
    DPUCluster fresh = cluster("ns", "bbb", null, 10);
    fresh.setStatus(null);
    clusters.add(fresh);
    assertThat(allocator.allocate(dpu("a", null), inventory))
        .isEqualTo(new Unavailable("cluster bbb is not ready, phase: Pending"));
  }

  @Test
  void fullClusterCountsCachedDpusButNotDeletingOnes() {
    clusters.add(cluster("dpf", "c1", DPUClusterPhase.READY, 2));
    clusters.add(cluster("dpf", "c2", DPUClusterPhase.READY, 100));
    dpus.add(dpu("x", "c1"));
    DPU deleting = dpu("y", "c1");
    deleting.getStatus().setPhase(DPUPhase.DELETING);
    dpus.add(deleting);
    DPU terminating = dpu("z", "c1");
    terminating.getMetadata().setDeletionTimestamp("2024-12-02T10:00:00Z");
    dpus.add(terminating);
    assertThat(name(allocator.allocate(dpu("a", null), inventory))).isEqualTo("dpf/c1");
    assertThat(allocator.allocate(dpu("b", null), inventory))
        .as("the first assignment is not in the cache yet but still counts")
        .isEqualTo(new Unavailable("cluster dpf/c1 is full, max node: 2"));
  }

  @Test
  void reservationsEndWhenTheCacheShowsTheDpuOrAfterTheirTtl() {
    clusters.add(cluster("dpf", "c1", DPUClusterPhase.READY, 2));
    DPU a = dpu("a", null);
    assertThat(allocator.allocate(a, inventory)).isInstanceOf(Assigned.class);
    a.getSpec().setCluster(clusterRef("c1", "dpf"));
    dpus.add(a);
    DPU b = dpu("b", null);
    assertThat(allocator.allocate(b, inventory)).isInstanceOf(Assigned.class);
    assertThat(allocator.allocate(dpu("c", null), inventory)).isInstanceOf(Unavailable.class);
    clock.advance(FirstClusterAllocator.RESERVATION_TTL.plusSeconds(1));
    assertThat(allocator.allocate(dpu("c", null), inventory))
        .as("b's patch never landed: its reservation expired").isInstanceOf(Assigned.class);
  }

  @Test
  void releaseFreesThePlaceAndRepeatedCallsForOneDpuDoNotDoubleCount() {
    clusters.add(cluster("dpf", "c1", DPUClusterPhase.READY, 1));
    DPU a = dpu("a", null);
    assertThat(allocator.allocate(a, inventory)).isInstanceOf(Assigned.class);
    assertThat(allocator.allocate(a, inventory)).as("same DPU again").isInstanceOf(Assigned.class);
    assertThat(allocator.allocate(dpu("b", null), inventory)).isInstanceOf(Unavailable.class);
    allocator.release(a);
    assertThat(allocator.allocate(dpu("b", null), inventory)).isInstanceOf(Assigned.class);
  }

  @Test
  void dpuAlreadyAssignedGetsItsClusterBackAndEmptyNamespaceMeansTheDpuNamespace() {
    clusters.add(cluster("dpf", "a-first", DPUClusterPhase.CREATING, 1));
    clusters.add(cluster("dpf", "b-second", DPUClusterPhase.READY, 1));
    DPU dpu = dpu("a", null);
    dpu.getSpec().setCluster(clusterRef("b-second", ""));
    assertThat(name(allocator.allocate(dpu, inventory))).isEqualTo("dpf/b-second");
  }

  static String name(Allocation allocation) {
    assertThat(allocation).isInstanceOf(Assigned.class);
    DPUCluster c = ((Assigned) allocation).cluster();
    return c.getMetadata().getNamespace() + "/" + c.getMetadata().getName();
  }

  static DPUCluster cluster(String ns, String name, DPUClusterPhase phase, int maxNodes) {
    DPUCluster c = new DPUCluster();
    c.getMetadata().setNamespace(ns);
    c.getMetadata().setName(name);
    c.getMetadata().setUid(UUID.randomUUID().toString());
    DPUClusterSpec spec = new DPUClusterSpec();
    spec.setType("static");
    spec.setMaxNodes(maxNodes);
    c.setSpec(spec);
    DPUClusterStatus status = new DPUClusterStatus();
    status.setPhase(phase);
    c.setStatus(status);
    return c;
  }

  static DPU dpu(String name, String cluster) {
    DPU d = new DPU();
    d.getMetadata().setNamespace("dpf");
    d.getMetadata().setName(name);
    d.getMetadata().setUid("uid-" + name);
    DPUSpec spec = new DPUSpec();
    if (cluster != null) {
      spec.setCluster(clusterRef(cluster, "dpf"));
    }
    d.setSpec(spec);
    d.setStatus(new DPUStatus());
    return d;
  }

  static K8sCluster clusterRef(String name, String namespace) {
    K8sCluster ref = new K8sCluster();
    ref.setName(name);
    ref.setNamespace(namespace);
    return ref;
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2024-12-02T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
