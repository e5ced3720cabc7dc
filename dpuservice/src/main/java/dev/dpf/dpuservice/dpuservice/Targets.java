package dev.dpf.dpuservice.dpuservice;

import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.cluster.DpuClusterRuntime;
import dev.dpf.dpuservice.argocd.Applications.Target;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DPU clusters DPUServices deploy to, from the DPUCluster informer: Applications and prerequisites go to
 * DPUClusters in phase {@code Ready} (upstream v24.10 targets every DPUCluster); Applications of a DPUCluster that
 * still exists but is not Ready are kept (a cluster that is briefly unavailable must not have its services
 * cascade-deleted); those of a deleted DPUCluster, or of one {@code spec.dpuClusterSelector} no longer selects, are
 * removed. Prerequisites go to every Ready DPUCluster whatever the selector (reference 10.15).
 */
final class Targets {

  private final Cache<DPUCluster> cache;

  Targets(Cache<DPUCluster> cache) {
    this.cache = cache;
  }

  Clusters clusters() {
    List<DPUCluster> existing = cache.list(c -> c.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing((DPUCluster c) -> c.getMetadata().getName())
            .thenComparing(c -> c.getMetadata().getNamespace()))
        .toList();
    List<DPUCluster> ready = existing.stream()
        .filter(c -> c.getStatus() != null && c.getStatus().getPhase() == DPUClusterPhase.READY).toList();
    return new Clusters(ready, existing);
  }

  /** A snapshot: the Ready DPUClusters and all that are not being deleted, sorted by name. */
  record Clusters(List<DPUCluster> ready, List<DPUCluster> existing) {

    List<ClusterRef> readyRefs() {
      return ready.stream().map(DpuClusterRuntime::ref).toList();
    }

    /** Ready DPUClusters selected by {@code spec.dpuClusterSelector} (null selects all). */
    List<DPUCluster> selectedReady(LabelSelector selector) {
      return ready.stream().filter(c -> LabelSelectors.matches(selector, c.getMetadata().getLabels())).toList();
    }

    List<Target> readyTargets(LabelSelector selector) {
      return selectedReady(selector).stream().map(Clusters::target).toList();
    }

    /** Existing (not being deleted) selected DPUClusters: their Applications are kept even while not Ready. */
    List<Target> existingTargets(LabelSelector selector) {
      return existing.stream().filter(c -> LabelSelectors.matches(selector, c.getMetadata().getLabels()))
          .map(Clusters::target).toList();
    }

    List<ClusterRef> existingRefs() {
      return existing.stream().map(DpuClusterRuntime::ref).toList();
    }

    Set<String> existingNames() {
      return existing.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    }

    /** Argo CD addresses clusters by DPUCluster name, so the names of the targets must be unique. */
    void checkUniqueNames() throws StepException {
      Map<String, String> seen = new HashMap<>();
      for (DPUCluster c : ready) {
        String previous = seen.put(c.getMetadata().getName(), c.getMetadata().getNamespace());
        if (previous != null) {
          throw new StepException("DPUCluster name " + c.getMetadata().getName() + " is used in namespaces "
              + previous + " and " + c.getMetadata().getNamespace() + "; Argo CD cluster names must be unique",
              false);
        }
      }
    }

    private static Target target(DPUCluster c) {
      return new Target(c.getMetadata().getName(), c.getMetadata().getNamespace());
    }
  }
}
