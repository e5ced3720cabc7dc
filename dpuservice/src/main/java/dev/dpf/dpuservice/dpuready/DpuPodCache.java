package dev.dpf.dpuservice.dpuready;

import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.cluster.DpuClusterComponent;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Informers in every Ready DPU cluster on the pods of DPU services (label {@code svc.dpu.nvidia.com/service}, indexed
 * by node) and on the DPU Nodes. A pod whose phase, readiness, deletion or node changes, and a Node whose labels
 * change, is reported at once by DPU-cluster node name, so the dpu-ready taint follows in seconds.
 */
public final class DpuPodCache implements DpuClusterComponent {

  /** Where changes are reported. */
  public interface Listener {
    /** Something relevant changed on DPU-cluster node {@code nodeName} of {@code cluster}. */
    void nodeChanged(ClusterRef cluster, String nodeName);

    /** The caches of a cluster synced (or stopped): everything of that cluster needs a look. */
    void clusterChanged(ClusterRef cluster);
  }

  /** The caches of one DPU cluster. */
  public record View(ClusterRef cluster, SharedIndexInformer<Pod> pods, SharedIndexInformer<Node> nodes) {

    public boolean synced() {
      return pods.hasSynced() && nodes.hasSynced();
    }

    /** The service pods bound to DPU-cluster node {@code nodeName}. */
    public List<Pod> podsOn(String nodeName) {
      return pods.getIndexer().byIndex(BY_NODE, nodeName);
    }

    public Optional<Node> node(String name) {
      return Optional.ofNullable(nodes.getStore().getByKey(name));
    }
  }

  private static final String BY_NODE = "node";

  private final Map<String, View> views = new ConcurrentHashMap<>();
  private volatile Listener listener;

  public void listener(Listener listener) {
    this.listener = listener;
  }

  @Override
  public String name() {
    return "dpuready-pod-cache";
  }

  @Override
  public AutoCloseable start(ClusterRef cluster, KubernetesClient client) {
    SharedIndexInformer<Pod> pods = client.pods().inAnyNamespace().withLabel(ServiceLabels.SERVICE)
        .runnableInformer(0);
    pods.addIndexers(Map.of(BY_NODE, p -> p.getSpec() == null || p.getSpec().getNodeName() == null ? List.of()
        : List.of(p.getSpec().getNodeName())));
    pods.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        report(cluster, pod);
      }

      @Override
      public void onUpdate(Pod before, Pod after) {
        if (!Objects.equals(PodReadiness.summary(before), PodReadiness.summary(after))) {
          report(cluster, before);
          report(cluster, after);
        }
      }

      @Override
      public void onDelete(Pod pod, boolean unknownFinalState) {
        report(cluster, pod);
      }
    });
    SharedIndexInformer<Node> nodes = client.nodes().runnableInformer(0);
    nodes.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Node node) {
        changed(cluster, node.getMetadata().getName());
      }

      @Override
      public void onUpdate(Node before, Node after) {
        if (!Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())) {
          changed(cluster, after.getMetadata().getName());
        }
      }

      @Override
      public void onDelete(Node node, boolean unknownFinalState) {
        changed(cluster, node.getMetadata().getName());
      }
    });
    View view = new View(cluster, pods, nodes);
    views.put(cluster.key(), view);
    pods.start().thenCombine(nodes.start(), (a, b) -> a).thenRun(() -> {
      Listener l = listener;
      if (l != null) {
        l.clusterChanged(cluster);
      }
    });
    return () -> {
      views.remove(cluster.key(), view);
      pods.close();
      nodes.close();
      Listener l = listener;
      if (l != null) {
        l.clusterChanged(cluster);
      }
    };
  }

  /** The synced caches of the DPU cluster {@code namespace/name}. */
  public Optional<View> view(String namespace, String name) {
    return views.values().stream()
        .filter(v -> v.cluster().name().equals(name) && (namespace == null || namespace.isEmpty()
            || v.cluster().namespace().equals(namespace)))
        .filter(View::synced)
        .findFirst();
  }

  /** Every synced cluster view. */
  public List<View> views() {
    return views.values().stream().filter(View::synced).toList();
  }

  private void report(ClusterRef cluster, Pod pod) {
    if (pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
      changed(cluster, pod.getSpec().getNodeName());
    }
  }

  private void changed(ClusterRef cluster, String nodeName) {
    Listener l = listener;
    if (l != null) {
      l.nodeChanged(cluster, nodeName);
    }
  }
}
