package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.common.cluster.DpuClusterAccessException;
import io.fabric8.kubernetes.api.model.Node;
import java.util.Map;
import java.util.Optional;

/** The DPU's Node in its DPU cluster: from the DPU-cluster Node watch when it runs, else from the API server. */
final class DpuNodes {

  private DpuNodes() {}

  /** The lookup result: the cluster, the Node (null: absent) and whether a watch will report changes. */
  record Lookup(DPUCluster cluster, Node node, boolean watched) {}

  /** Failure kinds (Ready reasons of reference 9.12). */
  static final class LookupException extends DpuActionException {
    private static final long serialVersionUID = 1L;
    final String reason;

    LookupException(String reason, String message, Throwable cause) {
      super(message, cause);
      this.reason = reason;
    }
  }

  static Lookup lookup(DpuPass p) {
    if (DpuWatches.unassigned(p.dpu)) {
      throw new LookupException(DPU.REASON_DPU_CLUSTER_CLIENT_GET_ERROR, "spec.cluster.name is not set", null);
    }
    String ns = DpuWatches.clusterNamespace(p.dpu);
    String name = p.dpu.getSpec().getCluster().getName();
    DPUCluster cluster = p.svc.watches.cluster(ns, name).orElseThrow(() -> new LookupException(
        DPU.REASON_DPU_CLUSTER_CLIENT_GET_ERROR, "DPUCluster " + ns + "/" + name + " not found", null));
    Optional<Optional<Node>> cached = p.svc.clusterNodes.cached(ns, name, p.name());
    if (cached.isPresent()) {
      return new Lookup(cluster, cached.get().orElse(null), true);
    }
    try {
      p.svc.resources.dpuClusterClient(cluster);
    } catch (DpuClusterAccessException e) {
      throw new LookupException(DPU.REASON_DPU_CLUSTER_CLIENT_GET_ERROR, e.getMessage(), e);
    }
    try {
      return new Lookup(cluster, p.svc.resources.dpuClusterNode(cluster, p.name()), false);
    } catch (DpuActionException e) {
      throw new LookupException(DPU.REASON_DPU_NODE_GET_ERROR, e.getMessage(), e);
    }
  }

  static Map<String, String> wantedLabels(DPU dpu) {
    return dpu.getSpec().getCluster() == null || dpu.getSpec().getCluster().getNodeLabels() == null ? Map.of()
        : dpu.getSpec().getCluster().getNodeLabels();
  }

  static boolean hasLabels(Node node, Map<String, String> wanted) {
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
