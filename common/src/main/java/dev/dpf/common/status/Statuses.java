package dev.dpf.common.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.dpf.api.common.DpfStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;

/**
 * Change-only status writes. A reconciler snapshots the status it read, computes the new status, and returns
 * {@link #update}: a status patch when something changed, {@code noUpdate()} otherwise. The patch is a fresh object
 * carrying only identity and status, so with server-side apply the controller owns exactly the fields it wrote.
 */
public final class Statuses {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Statuses() {}

  /** A JSON snapshot of a status (or NullNode), to compare with later. */
  public static JsonNode snapshot(Object status) {
    return status == null ? NullNode.getInstance() : SERIALIZATION.convertValue(status, JsonNode.class);
  }

  public static boolean changed(JsonNode before, Object status) {
    return !Objects.equals(before, snapshot(status));
  }

  /** A deep copy of a status object (for computing a new status from the cached one). */
  @SuppressWarnings("unchecked")
  public static <S> S copy(S status) {
    return status == null ? null : (S) SERIALIZATION.clone(status);
  }

  /**
   * Sets {@code status.observedGeneration} to the resource's generation and returns a status patch when the status
   * differs from {@code before}, else {@code noUpdate()}.
   */
  public static <S extends DpfStatus, R extends CustomResource<?, S>> UpdateControl<R> update(R resource,
      JsonNode before) {
    S status = resource.getStatus();
    if (status != null) {
      status.setObservedGeneration(resource.getMetadata().getGeneration());
    }
    if (!changed(before, status)) {
      return UpdateControl.noUpdate();
    }
    return UpdateControl.patchStatus(statusPatch(resource));
  }

  /**
   * Like {@link #update(CustomResource, JsonNode)} for objects whose conditions are written by several controllers:
   * the patch carries only the condition types in {@code ownedTypes} (with server-side apply the others stay as
   * their owners wrote them), and only owned conditions and the other status fields count as a change.
   */
  public static <S extends DpfStatus, R extends CustomResource<?, S>> UpdateControl<R> update(R resource,
      JsonNode before, java.util.Collection<String> ownedTypes) {
    S status = resource.getStatus();
    if (status != null) {
      status.setObservedGeneration(resource.getMetadata().getGeneration());
    }
    JsonNode beforeOwned = ownedOnly(before, ownedTypes);
    JsonNode nowOwned = ownedOnly(snapshot(status), ownedTypes);
    if (Objects.equals(beforeOwned, nowOwned)) {
      return UpdateControl.noUpdate();
    }
    R patch = statusPatch(resource);
    S copy = copy(status);
    if (copy.getConditions() != null) {
      copy.getConditions().removeIf(c -> !ownedTypes.contains(c.getType()));
    }
    patch.setStatus(copy);
    return UpdateControl.patchStatus(patch);
  }

  private static JsonNode ownedOnly(JsonNode status, java.util.Collection<String> ownedTypes) {
    if (status == null || !status.isObject()) {
      return status;
    }
    com.fasterxml.jackson.databind.node.ObjectNode copy = status.deepCopy();
    JsonNode conditions = copy.get("conditions");
    if (conditions != null && conditions.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode kept = copy.putArray("conditions");
      conditions.forEach(c -> {
        if (ownedTypes.contains(c.path("type").asText())) {
          kept.add(c);
        }
      });
    }
    return copy;
  }

  /**
   * A fresh object with the identity of {@code resource} and its status, for a status-only patch. It carries no
   * resourceVersion: with server-side apply each controller owns its status fields, so there is nothing to lock.
   */
  @SuppressWarnings("unchecked")
  public static <S, R extends CustomResource<?, S>> R statusPatch(R resource) {
    try {
      R patch = (R) resource.getClass().getDeclaredConstructor().newInstance();
      patch.setMetadata(new ObjectMetaBuilder()
          .withName(resource.getMetadata().getName())
          .withNamespace(resource.getMetadata().getNamespace())
          .withUid(resource.getMetadata().getUid())
          .withGeneration(resource.getMetadata().getGeneration())
          .build());
      patch.setStatus(resource.getStatus());
      return patch;
    } catch (InstantiationException | IllegalAccessException | NoSuchMethodException
        | InvocationTargetException e) {
      throw new IllegalStateException("cannot instantiate " + resource.getClass(), e);
    }
  }
}
