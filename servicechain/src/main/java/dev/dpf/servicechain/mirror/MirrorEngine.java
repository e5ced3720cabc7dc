package dev.dpf.servicechain.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.common.DpfStatus;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.cluster.DpuClusterRuntime;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic "mirror into every DPU cluster" reconcile (reference §2.1), shared by DPUServiceInterface,
 * DPUServiceChain and DPUServiceIPAM. Per reconcile:
 * <ol>
 *   <li>targets = DPUClusters matching {@code spec.dpuClusterSelector} (absent: all); of those, the Ready ones (whose
 *       components run in {@link DpuClusterRuntime}) are reachable, the others are reported as not ready;</li>
 *   <li>in each reachable target: namespace created if missing, objects applied ({@link DpuClusterMirror#createOrUpdate});
 *       errors give {@code <X>Reconciled=False/Error "Error occurred: ..."}, a Warning event and a retry with
 *       back-off;</li>
 *   <li>Ready clusters that are not selected lose their objects (later-release behaviour);</li>
 *   <li>{@code <X>Ready} from the objects' readiness, then the {@code Ready} summary; status written when changed.</li>
 * </ol>
 * Deletion deletes the objects in every Ready DPU cluster (selector ignored) and keeps the finalizer until none is
 * left ({@code <X>Reconciled=False/AwaitingDeletion}, re-checked on DPU-cluster events and every 30 s).
 *
 * <p>Wake-ups: the host object, DPUCluster label/phase changes, the set of Ready clusters changing
 * ({@link DpuClusterRuntime#onClustersChanged}) and events of the mirrored objects in every DPU cluster
 * ({@link MirrorWatches}).
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"}, verbs = {"get", "list", "watch"})
@Rbac(group = "svc.dpu.nvidia.com",
    resources = {"dpuserviceinterfaces/status", "dpuservicechains/status", "dpuserviceipams/status"},
    verbs = {"get", "update", "patch"})
public final class MirrorEngine<P extends CustomResource<?, S>, S extends DpfStatus> {

  private static final Logger LOG = LoggerFactory.getLogger(MirrorEngine.class);
  static final long DELETION_REQUEUE_MILLIS = 30_000;
  static final String EVENT_SYNC_FAILED = "DPUClusterSyncFailed";
  static final String EVENT_INVALID = "InvalidSpec";

  private final Class<P> primaryType;
  private final DpuClusterMirror<P, S> mirror;
  private final DpuClusterRuntime runtime;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final SimpleInboundEventSource<P> dpuEvents;
  private volatile IndexerResourceCache<P> primaries;
  private volatile InformerEventSource<DPUCluster, P> clusters;

  private record Target(ClusterRef ref, KubernetesClient client) {
    String name() {
      return ref.namespace() + "/" + ref.name();
    }
  }

  private record Targets(List<Target> reachable, List<String> notReady, List<Target> others) {}

  public MirrorEngine(Class<P> primaryType, DpuClusterMirror<P, S> mirror, DpuClusterRuntime runtime,
      StatusConditions conditions, EventRecorder events) {
    this.primaryType = primaryType;
    this.mirror = mirror;
    this.runtime = runtime;
    this.conditions = conditions;
    this.events = events;
    this.dpuEvents = new SimpleInboundEventSource<>(mirror.childKind().toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-in-dpu-clusters");
    runtime.onClustersChanged(ready -> enqueueAll());
  }

  public Class<P> primaryType() {
    return primaryType;
  }

  public DpuClusterMirror<P, S> mirror() {
    return mirror;
  }

  /** Event sources of the host reconciler: DPUClusters (labels, phase) and DPU-cluster object events. */
  public List<EventSource<?, P>> eventSources(EventSourceContext<P> context) {
    primaries = context.getPrimaryCache();
    clusters = new InformerEventSource<>(InformerEventSourceConfiguration.from(DPUCluster.class, primaryType)
        .withName("dpuclusters")
        .withSecondaryToPrimaryMapper(c -> primaries.keys().collect(Collectors.toSet()))
        .withOnUpdateFilter((now, old) -> !Objects.equals(now.getMetadata().getLabels(), old.getMetadata().getLabels())
            || !Objects.equals(phase(now), phase(old))
            || !Objects.equals(now.getMetadata().getDeletionTimestamp(), old.getMetadata().getDeletionTimestamp()))
        .build(), context);
    List<EventSource<?, P>> sources = new ArrayList<>(List.of(clusters, dpuEvents));
    sources.addAll(mirror.eventSources(context, () -> primaries.keys().collect(Collectors.toSet())));
    return sources;
  }

  /** Wakes the host object {@code id} (an object of it changed in a DPU cluster). */
  public void enqueue(ResourceID id) {
    if (dpuEvents.isRunning()) {
      dpuEvents.propagateEvent(id);
    }
  }

  /** Wakes every host object of this kind (the set of Ready DPU clusters changed). */
  public void enqueueAll() {
    IndexerResourceCache<P> cache = primaries;
    if (cache != null) {
      cache.keys().forEach(this::enqueue);
    }
  }

  /** Whether the host object is in the informer cache. */
  public boolean cached(ResourceID id) {
    IndexerResourceCache<P> cache = primaries;
    return cache != null && cache.get(id).isPresent();
  }

  public UpdateControl<P> reconcile(P primary) throws MirrorSyncException {
    JsonNode before = Statuses.snapshot(primary.getStatus());
    S status = primary.getStatus() == null ? mirror.newStatus() : Statuses.copy(primary.getStatus());
    primary.setStatus(status);
    Long generation = primary.getMetadata().getGeneration();
    conditions.ensure(status, mirror.conditions(), generation);

    Optional<String> invalid = mirror.invalid(primary);
    Targets targets = null;
    if (invalid.isEmpty()) {
      try {
        targets = targets(primary);
      } catch (IllegalArgumentException e) {
        invalid = Optional.of("spec.dpuClusterSelector: " + e.getMessage());
      }
    }
    if (invalid.isPresent()) {
      conditions.setFalse(status, mirror.reconciledCondition(), Conditions.REASON_FAILURE, invalid.get(), generation);
      conditions.setFalse(status, mirror.readyCondition(), Conditions.REASON_PENDING,
          "Error occurred: " + invalid.get(), generation);
      conditions.summarize(status, generation);
      if (Statuses.changed(before, status)) {
        events.warning(primary, EVENT_INVALID, invalid.get());
      }
      return Statuses.update(primary, before);
    }

    String namespace = primary.getMetadata().getNamespace();
    List<String> errors = new ArrayList<>();
    for (Target target : targets.reachable()) {
      try {
        DpuNamespaces.ensure(target.client(), namespace);
        mirror.createOrUpdate(target.client(), primary);
      } catch (RuntimeException e) {
        errors.add("DPUCluster " + target.name() + ": " + message(e));
      }
    }
    List<String> stale = new ArrayList<>();
    for (Target target : targets.others()) {
      try {
        if (!mirror.get(target.client(), primary).isEmpty()) {
          mirror.delete(target.client(), primary);
          if (!mirror.get(target.client(), primary).isEmpty()) {
            stale.add(target.name());
          }
        }
      } catch (RuntimeException e) {
        errors.add("DPUCluster " + target.name() + ": " + message(e));
      }
    }
    if (!errors.isEmpty()) {
      conditions.setFalse(status, mirror.reconciledCondition(), Conditions.REASON_ERROR,
          "Error occurred: " + String.join("; ", errors), generation);
    } else if (!stale.isEmpty()) {
      conditions.setFalse(status, mirror.reconciledCondition(), Conditions.REASON_PENDING,
          "Stale objects still exist across non matching DPUClusters: " + String.join(", ", stale), generation);
    } else {
      conditions.setTrue(status, mirror.reconciledCondition(), generation);
    }
    readiness(primary, status, targets, generation);
    conditions.summarize(status, generation);
    if (!errors.isEmpty()) {
      String message = String.join("; ", errors);
      events.warning(primary, EVENT_SYNC_FAILED, message);
      throw new MirrorSyncException(message, before, status);
    }
    return Statuses.update(primary, before);
  }

  private void readiness(P primary, S status, Targets targets, Long generation) {
    String own = primary.getMetadata().getNamespace() + "/" + primary.getMetadata().getName();
    List<String> unready = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String cluster : targets.notReady()) {
      unready.add("{Cluster: " + cluster + ", Object: " + own + "}");
    }
    for (Target target : targets.reachable()) {
      try {
        List<? extends HasMetadata> objects = mirror.get(target.client(), primary);
        if (objects.isEmpty()) {
          unready.add("{Cluster: " + target.name() + ", Object: " + own + "}");
        }
        for (HasMetadata object : objects) {
          if (!mirror.isReady(object)) {
            unready.add("{Cluster: " + target.name() + ", Object: " + object.getMetadata().getNamespace() + "/"
                + object.getMetadata().getName() + "}");
          }
        }
      } catch (RuntimeException e) {
        errors.add("DPUCluster " + target.name() + ": " + message(e));
      }
    }
    if (!errors.isEmpty()) {
      conditions.setFalse(status, mirror.readyCondition(), Conditions.REASON_PENDING,
          "Error occurred: " + String.join("; ", errors), generation);
    } else if (!unready.isEmpty()) {
      conditions.setFalse(status, mirror.readyCondition(), Conditions.REASON_PENDING,
          "Objects not ready: " + String.join(",", unready), generation);
    } else {
      conditions.setTrue(status, mirror.readyCondition(), generation);
    }
  }

  /** Writes the status computed by a failed reconcile; JOSDK then retries with back-off. */
  @SuppressWarnings("unchecked")
  public ErrorStatusUpdateControl<P> updateErrorStatus(P primary, Exception e) {
    MirrorSyncException failure = MirrorSyncException.find(e);
    if (failure != null) {
      S status = (S) failure.status();
      primary.setStatus(status);
      status.setObservedGeneration(primary.getMetadata().getGeneration());
      if (Statuses.changed(failure.before(), status)) {
        return ErrorStatusUpdateControl.patchStatus(Statuses.statusPatch(primary));
      }
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /**
   * Deletes the objects in every Ready DPU cluster; the finalizer stays until none is left. A DPU cluster that is
   * not Ready cannot be reached: it is not waited for, and {@link MirrorWatches} removes what is left there when it
   * becomes Ready again.
   */
  public DeleteControl cleanup(P primary, Context<P> context) throws MirrorSyncException {
    JsonNode before = Statuses.snapshot(primary.getStatus());
    S status = primary.getStatus() == null ? mirror.newStatus() : Statuses.copy(primary.getStatus());
    primary.setStatus(status);
    Long generation = primary.getMetadata().getGeneration();
    conditions.ensure(status, mirror.conditions(), generation);
    int remaining = 0;
    List<String> errors = new ArrayList<>();
    List<ClusterRef> ready = new ArrayList<>(runtime.readyClusters());
    ready.sort(Comparator.comparing(r -> r.namespace() + "/" + r.name()));
    for (ClusterRef ref : ready) {
      Optional<KubernetesClient> client = runtime.client(ref.namespace(), ref.name());
      if (client.isEmpty()) {
        continue;
      }
      try {
        mirror.delete(client.get(), primary);
        remaining += mirror.get(client.get(), primary).size();
      } catch (RuntimeException e) {
        errors.add("DPUCluster " + ref.namespace() + "/" + ref.name() + ": " + message(e));
      }
    }
    if (!errors.isEmpty()) {
      String message = String.join("; ", errors);
      conditions.setFalse(status, mirror.reconciledCondition(), Conditions.REASON_ERROR, "Error occurred: " + message,
          generation);
      conditions.summarize(status, generation);
      patchStatus(context.getClient(), primary, before);
      events.warning(primary, EVENT_SYNC_FAILED, message);
      throw new MirrorSyncException(message, before, status);
    }
    if (remaining > 0) {
      conditions.setFalse(status, mirror.reconciledCondition(), Conditions.REASON_AWAITING_DELETION,
          mirror.awaitingDeletionMessage(remaining), generation);
      conditions.summarize(status, generation);
      patchStatus(context.getClient(), primary, before);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(DELETION_REQUEUE_MILLIS);
    }
    return DeleteControl.defaultDelete();
  }

  private void patchStatus(KubernetesClient client, P primary, JsonNode before) {
    primary.getStatus().setObservedGeneration(primary.getMetadata().getGeneration());
    if (!Statuses.changed(before, primary.getStatus())) {
      return;
    }
    P patch = Statuses.statusPatch(primary);
    try {
      client.resource(patch).subresource("status").patch(new PatchContext.Builder()
          .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(mirror.fieldOwner()).withForce(true).build(),
          patch);
    } catch (KubernetesClientException e) {
      // the object may be gone already; the status is informational during deletion
      LOG.atDebug().addKeyValue("error", e.getMessage()).log("status patch during deletion failed");
    }
  }

  private Targets targets(P primary) {
    List<Target> reachable = new ArrayList<>();
    List<String> notReady = new ArrayList<>();
    List<String> selectedKeys = new ArrayList<>();
    List<DPUCluster> all = clusters == null ? List.of()
        : clusters.list().sorted(Comparator.comparing(c -> c.getMetadata().getNamespace() + "/"
            + c.getMetadata().getName())).toList();
    for (DPUCluster cluster : all) {
      if (cluster.getMetadata().getDeletionTimestamp() != null
          || !LabelSelectors.matches(mirror.dpuClusterSelector(primary), cluster.getMetadata().getLabels())) {
        continue;
      }
      ClusterRef ref = DpuClusterRuntime.ref(cluster);
      selectedKeys.add(ref.key());
      Optional<KubernetesClient> client = runtime.client(ref.namespace(), ref.name());
      if (client.isPresent()) {
        reachable.add(new Target(ref, client.get()));
      } else {
        notReady.add(ref.namespace() + "/" + ref.name());
      }
    }
    List<Target> others = new ArrayList<>();
    for (ClusterRef ref : runtime.readyClusters()) {
      if (!selectedKeys.contains(ref.key())) {
        runtime.client(ref.namespace(), ref.name()).ifPresent(c -> others.add(new Target(ref, c)));
      }
    }
    return new Targets(reachable, notReady, others);
  }

  private static Object phase(DPUCluster cluster) {
    return cluster.getStatus() == null ? null : cluster.getStatus().getPhase();
  }

  /** A message for conditions and events: the API server's message, never a kubeconfig. */
  static String message(RuntimeException e) {
    if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
      return k.getStatus().getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
