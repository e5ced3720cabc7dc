package dev.dpf.provisioning.dpu;

import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.cluster.DpuClusterComponent;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Watches the Nodes of every Ready DPU cluster (a {@link DpuClusterComponent}, so it runs on the leader only and
 * follows the DPUClusters) and tells the DPU controller when the Node of a DPU appears, changes readiness or labels,
 * or goes away. Its caches answer "is Node {@code <dpu>} Ready and labelled?" without API calls; while a cluster has
 * no running informer the caller reads the Node from the API server instead.
 */
final class DpuClusterNodes implements DpuClusterComponent {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DpuClusterNodes.class);

  private final Map<String, SharedIndexInformer<Node>> informers = new ConcurrentHashMap<>();
  private volatile BiConsumer<DpuClusterClients.ClusterRef, String> onChange = (c, n) -> {};

  /** Called with the cluster and the Node name on every relevant Node change. */
  void onChange(BiConsumer<DpuClusterClients.ClusterRef, String> listener) {
    this.onChange = listener;
  }

  @Override
  public String name() {
    return "dpu-nodes";
  }

  @Override
  public AutoCloseable start(DpuClusterClients.ClusterRef cluster, KubernetesClient dpuClient) {
    String key = key(cluster.namespace(), cluster.name());
    SharedIndexInformer<Node> informer = dpuClient.nodes().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Node node) {
        LOG.atDebug().addKeyValue("cluster", cluster.name()).log("DPU-cluster Node added: "
            + node.getMetadata().getName());
        onChange.accept(cluster, node.getMetadata().getName());
      }

      @Override
      public void onUpdate(Node old, Node now) {
        if (ready(old) != ready(now) || !Objects.equals(old.getMetadata().getLabels(), now.getMetadata().getLabels())) {
          LOG.atDebug().addKeyValue("cluster", cluster.name()).log("DPU-cluster Node changed: "
              + now.getMetadata().getName() + " ready=" + ready(now));
          onChange.accept(cluster, now.getMetadata().getName());
        }
      }

      @Override
      public void onDelete(Node node, boolean unknownFinalState) {
        onChange.accept(cluster, node.getMetadata().getName());
      }
    }, 0);
    informers.put(key, informer);
    return () -> {
      informers.remove(key, informer);
      informer.close();
    };
  }

  /**
   * The Node from the cluster's informer: empty Optional inside when the informer has synced and the Node does not
   * exist; empty outside when there is no synced informer for the cluster (the caller must ask the API server).
   */
  Optional<Optional<Node>> cached(String clusterNamespace, String clusterName, String nodeName) {
    SharedIndexInformer<Node> informer = informers.get(key(clusterNamespace, clusterName));
    if (informer == null || !informer.hasSynced()) {
      return Optional.empty();
    }
    return Optional.of(Optional.ofNullable(informer.getStore().getByKey(nodeName)));
  }

  static boolean ready(Node node) {
    return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
