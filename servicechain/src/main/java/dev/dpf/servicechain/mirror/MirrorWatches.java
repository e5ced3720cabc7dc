package dev.dpf.servicechain.mirror;

import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.cluster.DpuClusterComponent;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs in every Ready DPU cluster (a {@link DpuClusterComponent}): informers on the objects the host mirrors create
 * there (ServiceInterfaceSets, ServiceChainSets, IPPools, CIDRPools), whose events wake the host object they belong
 * to, so readiness and deletion progress reach the host without polling.
 *
 * <p>Orphan sweep: a Set whose host object does not exist any more (it was deleted while this DPU cluster was not
 * Ready) and that our field owner applied (its {@code managedFields}) is deleted when seen. NVIPAM pools carry the
 * ownership labels and are swept the same way.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceinterfaces", "dpuservicechains", "dpuserviceipams"},
    verbs = {"get"})
public final class MirrorWatches implements DpuClusterComponent {

  private static final Logger LOG = LoggerFactory.getLogger(MirrorWatches.class);

  private final KubernetesClient host;
  private final Collection<String> namespaces;
  private final List<MirrorEngine<?, ?>> engines = new ArrayList<>();

  /**
   * @param host host-cluster client (orphan checks)
   * @param namespaces namespaces to watch in DPU clusters (the operator's watched namespaces; empty = all)
   */
  public MirrorWatches(KubernetesClient host, Collection<String> namespaces) {
    this.host = host;
    this.namespaces = List.copyOf(namespaces);
  }

  public MirrorWatches add(MirrorEngine<?, ?> engine) {
    engines.add(engine);
    return this;
  }

  @Override
  public String name() {
    return "servicechain-mirror-watches";
  }

  @Override
  public AutoCloseable start(ClusterRef cluster, KubernetesClient dpu) {
    ExecutorService sweeper = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "servicechain-orphans-" + cluster.name());
      t.setDaemon(true);
      return t;
    });
    List<SharedIndexInformer<HasMetadata>> informers = new ArrayList<>();
    try {
      for (MirrorEngine<?, ?> engine : engines) {
        for (DpuClusterMirror.DpuWatch watch : engine.mirror().watches()) {
          Handler handler = new Handler(cluster, dpu, engine, watch, sweeper);
          if (namespaces.isEmpty()) {
            informers.add(start(watch.resource().in(dpu).inAnyNamespace().runnableInformer(0), handler));
          } else {
            for (String namespace : namespaces) {
              informers.add(start(watch.resource().in(dpu).inNamespace(namespace).runnableInformer(0), handler));
            }
          }
        }
      }
    } catch (RuntimeException e) {
      informers.forEach(SharedIndexInformer::close);
      sweeper.shutdownNow();
      throw e;
    }
    return () -> {
      informers.forEach(SharedIndexInformer::close);
      sweeper.shutdownNow();
    };
  }

  private static SharedIndexInformer<HasMetadata> start(SharedIndexInformer<HasMetadata> informer,
      Handler handler) {
    informer.addEventHandler(handler);
    // keep retrying (with the client's back-off) e.g. while the NVIPAM CRDs are not installed yet
    informer.exceptionHandler((started, t) -> {
      LOG.atDebug().addKeyValue("error", t.getMessage()).log("DPU-cluster informer error; retrying");
      return true;
    });
    informer.start();
    return informer;
  }

  private final class Handler implements ResourceEventHandler<HasMetadata> {
    private final ClusterRef cluster;
    private final KubernetesClient dpu;
    private final MirrorEngine<?, ?> engine;
    private final DpuClusterMirror.DpuWatch watch;
    private final ExecutorService sweeper;

    Handler(ClusterRef cluster, KubernetesClient dpu, MirrorEngine<?, ?> engine, DpuClusterMirror.DpuWatch watch,
        ExecutorService sweeper) {
      this.cluster = cluster;
      this.dpu = dpu;
      this.engine = engine;
      this.watch = watch;
      this.sweeper = sweeper;
    }

    @Override
    public void onAdd(HasMetadata object) {
      Optional<ResourceID> id = watch.toHost().apply(object);
      id.ifPresent(engine::enqueue);
      if (id.isPresent() && !engine.cached(id.get()) && appliedByUs(object)) {
        try {
          sweeper.submit(() -> sweep(object, id.get()));
        } catch (RejectedExecutionException e) {
          // stopping
        }
      }
    }

    @Override
    public void onUpdate(HasMetadata old, HasMetadata now) {
      watch.toHost().apply(now).ifPresent(engine::enqueue);
    }

    @Override
    public void onDelete(HasMetadata object, boolean unknownFinalState) {
      watch.toHost().apply(object).ifPresent(engine::enqueue);
    }

    private boolean appliedByUs(HasMetadata object) {
      List<ManagedFieldsEntry> managed = object.getMetadata().getManagedFields();
      return managed != null && managed.stream()
          .anyMatch(m -> engine.mirror().fieldOwner().equals(m.getManager()) && "Apply".equals(m.getOperation()));
    }

    private void sweep(HasMetadata object, ResourceID id) {
      try {
        if (engine.cached(id) || host.resources(engine.primaryType()).inNamespace(id.getNamespace().orElse(null))
            .withName(id.getName()).get() != null) {
          return;
        }
        LOG.atInfo().addKeyValue("cluster", cluster.namespace() + "/" + cluster.name())
            .addKeyValue("kind", object.getKind()).addKeyValue("object", object.getMetadata().getNamespace() + "/"
                + object.getMetadata().getName())
            .log("deleting DPU-cluster object whose host object is gone");
        watch.resource().in(dpu).inNamespace(object.getMetadata().getNamespace())
            .withName(object.getMetadata().getName()).delete();
      } catch (KubernetesClientException e) {
        LOG.atWarn().addKeyValue("error", e.getMessage()).log("orphan check failed");
      }
    }
  }
}
