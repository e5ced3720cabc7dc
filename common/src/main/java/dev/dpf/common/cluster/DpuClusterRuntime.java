package dev.dpf.common.cluster;

import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link DpuClusterComponent}s against every Ready DPUCluster. It is itself a JOSDK reconciler of DPUClusters
 * (observing only: no finalizer, no status), so components run only on the leader and follow DPUCluster events:
 * a cluster that becomes Ready gets its components started; one that stops being Ready, is being deleted or
 * disappears gets them closed; a changed kubeconfig restarts them.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "dpucluster-runtime", generationAwareEventProcessing = false)
public final class DpuClusterRuntime implements Reconciler<DPUCluster>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DpuClusterRuntime.class);
  private static final Duration RETRY = Duration.ofSeconds(10);

  private record Running(DpuClusterClients.ClusterRef ref, KubernetesClient client, List<AutoCloseable> handles) {}

  private final DpuClusterClients clients;
  private final List<DpuClusterComponent> components = new CopyOnWriteArrayList<>();
  private final List<Consumer<Collection<DpuClusterClients.ClusterRef>>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  public DpuClusterRuntime(DpuClusterClients clients) {
    this.clients = clients;
    clients.onClientReplaced(ref -> stop(ref.key()));
  }

  /** Adds a component; register before the operator starts. */
  public void add(DpuClusterComponent component) {
    components.add(component);
  }

  /** Called with the current set of Ready clusters whenever it changes (e.g. to enqueue dependent objects). */
  public void onClustersChanged(Consumer<Collection<DpuClusterClients.ClusterRef>> listener) {
    listeners.add(listener);
  }

  /** The Ready DPU clusters whose components run. */
  public Collection<DpuClusterClients.ClusterRef> readyClusters() {
    return running.values().stream().map(Running::ref).toList();
  }

  /** The client of a Ready DPU cluster, by DPUCluster namespace/name. */
  public java.util.Optional<KubernetesClient> client(String namespace, String name) {
    return running.values().stream()
        .filter(r -> r.ref().namespace().equals(namespace) && r.ref().name().equals(name))
        .map(Running::client)
        .findFirst();
  }

  @Override
  public UpdateControl<DPUCluster> reconcile(DPUCluster cluster, Context<DPUCluster> context) {
    Set<String> present = context.getPrimaryCache().list().map(c -> ref(c).key()).collect(Collectors.toSet());
    running.keySet().stream().filter(k -> !present.contains(k)).toList().forEach(this::stop);
    DpuClusterClients.ClusterRef ref = ref(cluster);
    boolean ready = cluster.getMetadata().getDeletionTimestamp() == null && cluster.getStatus() != null
        && cluster.getStatus().getPhase() == DPUClusterPhase.READY;
    if (!ready) {
      stop(ref.key());
      return UpdateControl.noUpdate();
    }
    if (running.containsKey(ref.key())) {
      return UpdateControl.noUpdate();
    }
    try {
      KubernetesClient client = clients.client(ref);
      List<AutoCloseable> handles = new ArrayList<>();
      try {
        for (DpuClusterComponent component : components) {
          handles.add(component.start(ref, client));
          LOG.atInfo().addKeyValue("component", component.name()).addKeyValue("cluster", ref.namespace() + "/"
              + ref.name()).log("started against DPU cluster");
        }
      } catch (Exception e) {
        handles.forEach(DpuClusterRuntime::closeQuietly);
        throw e;
      }
      running.put(ref.key(), new Running(ref, client, handles));
      notifyListeners();
    } catch (Exception e) {
      LOG.atWarn().addKeyValue("cluster", ref.namespace() + "/" + ref.name()).addKeyValue("error", e.getMessage())
          .log("cannot start DPU cluster components; retrying");
      return UpdateControl.<DPUCluster>noUpdate().rescheduleAfter(RETRY);
    }
    return UpdateControl.noUpdate();
  }

  private void stop(String key) {
    Running r = running.remove(key);
    if (r != null) {
      r.handles().forEach(DpuClusterRuntime::closeQuietly);
      LOG.atInfo().addKeyValue("cluster", r.ref().namespace() + "/" + r.ref().name())
          .log("stopped DPU cluster components");
      notifyListeners();
    }
  }

  private void notifyListeners() {
    Collection<DpuClusterClients.ClusterRef> ready = readyClusters();
    listeners.forEach(l -> l.accept(ready));
  }

  public static DpuClusterClients.ClusterRef ref(DPUCluster cluster) {
    return new DpuClusterClients.ClusterRef(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(),
        cluster.getMetadata().getUid(), cluster.getSpec() == null ? null : cluster.getSpec().getKubeconfig());
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.atDebug().addKeyValue("error", e.toString()).log("error closing a DPU cluster component");
    }
  }

  @Override
  public void close() {
    running.keySet().forEach(this::stop);
  }
}
