package dev.dpf.dpuservice.dpuservice;

import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.cluster.DpuClusterComponent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Informers in every Ready DPU cluster on what config ports need (reference 10.12.3): the chart-side Services labelled
 * {@code dpu.nvidia.com/dpuservice-name} and the DPU Nodes. Changes wake the DPUService they belong to, so a NodePort
 * appearing in a DPU cluster reaches the host Service without polling.
 */
public final class DpuClusterServices implements DpuClusterComponent {

  /** Where changes are reported. */
  public interface Listener {
    /** A chart-side Service of DPUService {@code namespace/name} changed. */
    void serviceChanged(String namespace, String name);

    /** The Nodes of a DPU cluster changed (labels or addresses), or the cluster's caches started. */
    void nodesChanged(ClusterRef cluster);
  }

  /** Synced caches of one DPU cluster. */
  public record View(ClusterRef cluster, SharedIndexInformer<Service> services, SharedIndexInformer<Node> nodeInformer) {

    /** The chart-side Services of DPUService {@code namespace/name}. */
    public List<Service> servicesOf(String namespace, String name) {
      return services.getIndexer().byIndex(BY_DPUSERVICE, namespace + "/" + name);
    }

    public List<Node> nodes() {
      return nodeInformer.getStore().list();
    }
  }

  private static final String BY_DPUSERVICE = "dpuservice";

  private final Map<String, View> views = new ConcurrentHashMap<>();
  private volatile Listener listener = new Listener() {
    @Override
    public void serviceChanged(String namespace, String name) {}

    @Override
    public void nodesChanged(ClusterRef cluster) {}
  };

  public void listener(Listener listener) {
    this.listener = listener;
  }

  @Override
  public String name() {
    return "dpuservice-remote-caches";
  }

  @Override
  public AutoCloseable start(ClusterRef cluster, KubernetesClient client) {
    SharedIndexInformer<Service> services = client.services().inAnyNamespace()
        .withLabel(ServiceLabels.DPUSERVICE_NAME).runnableInformer(0);
    services.addIndexers(Map.of(BY_DPUSERVICE, s -> List.of(labelOr(s, ServiceLabels.DPUSERVICE_NAMESPACE) + "/"
        + labelOr(s, ServiceLabels.DPUSERVICE_NAME))));
    services.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service s) {
        report(s);
      }

      @Override
      public void onUpdate(Service before, Service after) {
        report(after);
      }

      @Override
      public void onDelete(Service s, boolean unknownFinalState) {
        report(s);
      }
    });
    SharedIndexInformer<Node> nodes = client.nodes().runnableInformer(0);
    nodes.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Node n) {
        listener.nodesChanged(cluster);
      }

      @Override
      public void onUpdate(Node before, Node after) {
        if (!Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())
            || !Objects.equals(addresses(before), addresses(after))) {
          listener.nodesChanged(cluster);
        }
      }

      @Override
      public void onDelete(Node n, boolean unknownFinalState) {
        listener.nodesChanged(cluster);
      }
    });
    View view = new View(cluster, services, nodes);
    views.put(cluster.key(), view);
    services.start();
    nodes.start();
    return () -> {
      views.remove(cluster.key(), view);
      services.close();
      nodes.close();
    };
  }

  /** The caches of a DPU cluster once they have synced. */
  public Optional<View> view(ClusterRef cluster) {
    View view = views.get(cluster.key());
    if (view == null || !view.services().hasSynced() || !view.nodeInformer().hasSynced()) {
      return Optional.empty();
    }
    return Optional.of(view);
  }

  private void report(Service s) {
    String name = labelOr(s, ServiceLabels.DPUSERVICE_NAME);
    String namespace = labelOr(s, ServiceLabels.DPUSERVICE_NAMESPACE);
    if (!name.isEmpty() && !namespace.isEmpty()) {
      listener.serviceChanged(namespace, name);
    }
  }

  private static Object addresses(Node n) {
    return n.getStatus() == null ? null : n.getStatus().getAddresses();
  }

  private static String labelOr(HasMetadata o, String key) {
    Map<String, String> labels = o.getMetadata().getLabels();
    String v = labels == null ? null : labels.get(key);
    return v == null ? "" : v;
  }
}
