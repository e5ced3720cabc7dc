package dev.dpf.servicechain.sets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.common.DpfStatus;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import dev.dpf.servicechain.mirror.LabelSelectors;
import dev.dpf.servicechain.mirror.MirrorSyncException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
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
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Set → per-node expansion (reference §3.3), shared by the ServiceInterfaceSet and ServiceChainSet controllers that
 * run against each DPU cluster:
 * <ol>
 *   <li>nodes = the DPU cluster's Nodes matching {@code spec.nodeSelector} (absent: all), from an informer;</li>
 *   <li>existing children = objects of the child kind in the set's namespace carrying the two set labels, keyed by
 *       {@code spec.node}; an existing child keeps its name, a new one is {@code <set>-<node>};</li>
 *   <li>one child per node, server-side applied (force) with the set controller's field owner; children of nodes no
 *       longer selected (or gone) are deleted;</li>
 *   <li>{@code numberApplied} = children applied, {@code numberReady} = those whose {@code Ready} is True (written by
 *       the node agent); {@code <X>Reconciled}, {@code <X>Ready} and the {@code Ready} summary.</li>
 * </ol>
 * Wake-ups: the set, its children, and Node add/delete/label changes (which wake every set). Deletion deletes the
 * children and keeps the finalizer until they are gone (later-release behaviour).
 */
public final class SetEngine<S extends CustomResource<?, T>, T extends DpfStatus,
    C extends CustomResource<?, ? extends DpfStatus>> {

  static final long DELETION_REQUEUE_MILLIS = 30_000;
  static final String EVENT_SYNC_FAILED = "ChildSyncFailed";

  private final SetKind<S, T, C> kind;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private volatile InformerEventSource<C, S> children;
  private volatile InformerEventSource<Node, S> nodes;

  public SetEngine(SetKind<S, T, C> kind, StatusConditions conditions, EventRecorder events) {
    this.kind = kind;
    this.conditions = conditions;
    this.events = events;
  }

  public List<EventSource<?, S>> eventSources(EventSourceContext<S> context) {
    IndexerResourceCache<S> sets = context.getPrimaryCache();
    children = new InformerEventSource<>(InformerEventSourceConfiguration.from(kind.childType(), kind.setType())
        .withName("children")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(this::owner)
        .build(), context);
    nodes = new InformerEventSource<>(InformerEventSourceConfiguration.from(Node.class, kind.setType())
        .withName("nodes")
        .withWatchAllNamespaces()
        .withSecondaryToPrimaryMapper(n -> sets.keys().collect(Collectors.toSet()))
        .withOnUpdateFilter((now, old) -> !Objects.equals(now.getMetadata().getLabels(), old.getMetadata().getLabels()))
        .build(), context);
    return List.of(children, nodes);
  }

  private Set<ResourceID> owner(C child) {
    Map<String, String> labels = child.getMetadata().getLabels();
    if (labels == null || labels.get(kind.nameLabel()) == null || labels.get(kind.namespaceLabel()) == null) {
      return Set.of();
    }
    return Set.of(new ResourceID(labels.get(kind.nameLabel()), labels.get(kind.namespaceLabel())));
  }

  private boolean belongsTo(C child, S set) {
    return owner(child).contains(ResourceID.fromResource(set));
  }

  public UpdateControl<S> reconcile(S set, Context<S> context) throws MirrorSyncException {
    JsonNode before = Statuses.snapshot(set.getStatus());
    T status = set.getStatus() == null ? kind.newStatus() : Statuses.copy(set.getStatus());
    set.setStatus(status);
    Long generation = set.getMetadata().getGeneration();
    conditions.ensure(status, kind.conditions(), generation);
    String namespace = set.getMetadata().getNamespace();

    List<String> selected;
    try {
      selected = nodes.list().filter(n -> LabelSelectors.matches(kind.nodeSelector(set), n.getMetadata().getLabels()))
          .map(n -> n.getMetadata().getName()).sorted().toList();
    } catch (IllegalArgumentException e) {
      String message = "spec.nodeSelector: " + e.getMessage();
      conditions.setFalse(status, kind.reconciledCondition(), Conditions.REASON_FAILURE, message, generation);
      conditions.setFalse(status, kind.readyCondition(), Conditions.REASON_PENDING, "Error occurred: " + message,
          generation);
      conditions.summarize(status, generation);
      if (Statuses.changed(before, status)) {
        events.warning(set, "InvalidSpec", message);
      }
      return Statuses.update(set, before);
    }
    Map<String, C> existing = new HashMap<>();
    children.list(namespace, c -> belongsTo(c, set)).forEach(c -> existing.put(kind.node(c), c));

    KubernetesClient client = context.getClient();
    List<String> errors = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String node : selected) {
      C current = existing.remove(node);
      String name = current != null ? current.getMetadata().getName()
          : SetChildren.childName(set.getMetadata().getName(), node);
      C desired = kind.child(set, node, name);
      try {
        if (current == null || !upToDate(current, desired)) {
          client.resource(desired).fieldManager(kind.fieldOwner()).forceConflicts().serverSideApply();
        }
        names.add(name);
      } catch (KubernetesClientException e) {
        errors.add(namespace + "/" + name + ": " + message(e));
      }
    }
    for (C stale : existing.values()) {
      if (stale.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      try {
        client.resource(stale).delete();
      } catch (KubernetesClientException e) {
        errors.add("deleting " + namespace + "/" + stale.getMetadata().getName() + ": " + message(e));
      }
    }
    if (errors.isEmpty()) {
      conditions.setTrue(status, kind.reconciledCondition(), generation);
    } else {
      conditions.setFalse(status, kind.reconciledCondition(), Conditions.REASON_ERROR,
          "Error occurred: " + String.join("; ", errors), generation);
    }
    List<String> unready = new ArrayList<>();
    for (String name : names) {
      boolean ready = children.get(new ResourceID(name, namespace))
          .map(c -> StatusConditions.isTrue(c.getStatus(), Conditions.READY)).orElse(false);
      if (!ready) {
        unready.add(namespace + "/" + name);
      }
    }
    kind.counts(status, names.size(), names.size() - unready.size());
    if (unready.isEmpty()) {
      conditions.setTrue(status, kind.readyCondition(), generation);
    } else {
      conditions.setFalse(status, kind.readyCondition(), Conditions.REASON_PENDING,
          "Objects not ready: " + String.join(",", unready), generation);
    }
    conditions.summarize(status, generation);
    if (!errors.isEmpty()) {
      String message = String.join("; ", errors);
      events.warning(set, EVENT_SYNC_FAILED, message);
      throw new MirrorSyncException(message, before, status);
    }
    return Statuses.update(set, before);
  }

  @SuppressWarnings("unchecked")
  public ErrorStatusUpdateControl<S> updateErrorStatus(S set, Exception e) {
    MirrorSyncException failure = MirrorSyncException.find(e);
    if (failure != null) {
      T status = (T) failure.status();
      set.setStatus(status);
      status.setObservedGeneration(set.getMetadata().getGeneration());
      if (Statuses.changed(failure.before(), status)) {
        return ErrorStatusUpdateControl.patchStatus(Statuses.statusPatch(set));
      }
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** Deletes every child and keeps the finalizer while any still exists (e.g. held by the node agent). */
  public DeleteControl cleanup(S set, Context<S> context) {
    KubernetesClient client = context.getClient();
    String namespace = set.getMetadata().getNamespace();
    List<C> remaining = client.resources(kind.childType()).inNamespace(namespace)
        .withLabel(kind.nameLabel(), set.getMetadata().getName())
        .withLabel(kind.namespaceLabel(), namespace).list().getItems().stream()
        .sorted(Comparator.comparing(c -> c.getMetadata().getName())).toList();
    if (remaining.isEmpty()) {
      return DeleteControl.defaultDelete();
    }
    for (C child : remaining) {
      if (child.getMetadata().getDeletionTimestamp() == null) {
        client.resource(child).delete();
      }
    }
    JsonNode before = Statuses.snapshot(set.getStatus());
    T status = set.getStatus() == null ? kind.newStatus() : Statuses.copy(set.getStatus());
    set.setStatus(status);
    Long generation = set.getMetadata().getGeneration();
    conditions.ensure(status, kind.conditions(), generation);
    conditions.setFalse(status, kind.reconciledCondition(), Conditions.REASON_AWAITING_DELETION,
        remaining.size() + " child `" + HasMetadata.getKind(kind.childType()) + "`s still exist in DPU cluster",
        generation);
    conditions.summarize(status, generation);
    status.setObservedGeneration(generation);
    if (Statuses.changed(before, status)) {
      S patch = Statuses.statusPatch(set);
      try {
        client.resource(patch).subresource("status").patch(new PatchContext.Builder()
            .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(kind.fieldOwner()).withForce(true).build(),
            patch);
      } catch (KubernetesClientException e) {
        // informational during deletion; the object may be gone
      }
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(DELETION_REQUEUE_MILLIS);
  }

  /**
   * Whether the cached child already is what we would apply (spec, labels, annotations and our owner reference), so
   * that a Set reconcile triggered by one child's status does not re-apply every child.
   */
  static boolean upToDate(HasMetadata current, CustomResource<?, ?> desired) {
    CustomResource<?, ?> cached = (CustomResource<?, ?>) current;
    return Objects.equals(Statuses.snapshot(cached.getSpec()), Statuses.snapshot(desired.getSpec()))
        && Objects.equals(orEmpty(current.getMetadata().getLabels()), orEmpty(desired.getMetadata().getLabels()))
        && Objects.equals(orEmpty(current.getMetadata().getAnnotations()),
            orEmpty(desired.getMetadata().getAnnotations()))
        && current.getMetadata().getOwnerReferences() != null
        && current.getMetadata().getOwnerReferences().containsAll(desired.getMetadata().getOwnerReferences());
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  static String message(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
  }
}
