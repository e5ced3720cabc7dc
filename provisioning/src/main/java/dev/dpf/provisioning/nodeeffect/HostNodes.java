package dev.dpf.provisioning.nodeeffect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Taint and label edits on a host Node that never overwrite what other writers did in between.
 *
 * <p>{@code spec.taints} is an atomic list (no strategic-merge key), so a taint change is a JSON merge patch of the
 * whole list that carries the {@code metadata.resourceVersion} it was computed from: if the Node changed meanwhile
 * the API server answers 409 and the change is recomputed from a fresh read (as Kubernetes' own
 * {@code PatchNodeTaints} does). Added labels are per-key merge patches; removed labels are patched with the
 * resourceVersion too, and only while their value is still the one this effect set.
 *
 * <p>Each method takes the Node as the caller knows it (an informer cache is fine, null means "read it") and makes
 * no API call when there is nothing to change.
 */
@Rbac(group = "", resources = {"nodes"}, verbs = {"get", "patch"})
final class HostNodes {

  static final int ATTEMPTS = 5;
  /** Plain Jackson: merge patches need explicit nulls (removals) in maps. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;

  HostNodes(KubernetesClient client) {
    this.client = client;
  }

  Node get(String name) {
    return client.nodes().withName(name).get();
  }

  /** Adds {@code taint} unless the Node already has a taint with the same key (whatever its value and effect). */
  void ensureTaint(String nodeName, Node known, Taint taint) {
    edit(nodeName, known, true, node -> {
      List<Taint> taints = taints(node);
      if (taints.stream().anyMatch(t -> Objects.equals(t.getKey(), taint.getKey()))) {
        return null;
      }
      List<Taint> updated = new ArrayList<>(taints);
      updated.add(taint);
      return Map.of("spec", Map.of("taints", updated));
    });
  }

  /** Removes every taint with {@code key}; a missing Node has nothing to remove. */
  void removeTaint(String nodeName, Node known, String key) {
    edit(nodeName, known, false, node -> {
      List<Taint> taints = taints(node);
      List<Taint> kept = taints.stream().filter(t -> !Objects.equals(t.getKey(), key)).toList();
      if (kept.size() == taints.size()) {
        return null;
      }
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("taints", kept.isEmpty() ? null : kept);
      return Map.of("spec", spec);
    });
  }

  /** Sets the labels (other labels are untouched). */
  void addLabels(String nodeName, Node known, Map<String, String> labels) {
    edit(nodeName, known, true, node -> {
      Map<String, String> current = labels(node);
      Map<String, Object> changed = new LinkedHashMap<>();
      labels.forEach((k, v) -> {
        if (!v.equals(current.get(k))) {
          changed.put(k, v);
        }
      });
      return changed.isEmpty() ? null : Map.of("metadata", Map.of("labels", changed));
    });
  }

  /** Removes the labels that still have the given values (a label someone changed since is left alone). */
  void removeLabels(String nodeName, Node known, Map<String, String> labels) {
    edit(nodeName, known, false, node -> {
      Map<String, String> current = labels(node);
      Map<String, Object> removed = new LinkedHashMap<>();
      labels.forEach((k, v) -> {
        if (v.equals(current.get(k))) {
          removed.put(k, null);
        }
      });
      return removed.isEmpty() ? null : Map.of("metadata", Map.of("labels", removed));
    });
  }

  /**
   * Computes a merge patch from the Node (null: nothing to do) and sends it with the Node's resourceVersion;
   * recomputes from a fresh read on 409.
   */
  private void edit(String nodeName, Node known, boolean mustExist, Function<Node, Map<String, Object>> change) {
    Node node = known != null ? known : get(nodeName);
    for (int attempt = 1; ; attempt++) {
      if (node == null) {
        if (mustExist) {
          throw new NodeEffectException(NodeEffects.REASON_ERROR_OCCURED, "host Node " + nodeName + " not found",
              false, null);
        }
        return;
      }
      Map<String, Object> patch = change.apply(node);
      if (patch == null) {
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>(patch);
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) patch.getOrDefault("metadata",
          Map.of()));
      metadata.put("resourceVersion", node.getMetadata().getResourceVersion());
      body.put("metadata", metadata);
      try {
        client.nodes().withName(nodeName).patch(PatchContext.of(PatchType.JSON_MERGE), json(body));
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404 && !mustExist) {
          return;
        }
        if (e.getCode() != 409 || attempt >= ATTEMPTS) {
          throw new NodeEffectException(NodeEffects.REASON_ERROR_OCCURED, "updating host Node " + nodeName
              + " failed: " + NodeEffects.message(e), false, e);
        }
        node = get(nodeName);
      }
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Taint> taints(Node node) {
    return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
  }

  private static Map<String, String> labels(Node node) {
    return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
  }
}
