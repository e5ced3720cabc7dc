package dev.dpf.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Server-side applies a status (or part of one) under a field manager, as the component being stood in for would. */
final class StatusWriter {

  private StatusWriter() {}

  static void apply(KubernetesClient client, GenericKubernetesResource target, Map<String, Object> status,
      String fieldManager) {
    GenericKubernetesResource patch = new GenericKubernetesResource();
    patch.setApiVersion(target.getApiVersion());
    patch.setKind(target.getKind());
    patch.setMetadata(new ObjectMetaBuilder().withName(target.getMetadata().getName())
        .withNamespace(target.getMetadata().getNamespace()).build());
    patch.setAdditionalProperty("status", status);
    client.genericKubernetesResources(target.getApiVersion(), target.getKind())
        .inNamespace(target.getMetadata().getNamespace()).withName(target.getMetadata().getName())
        .subresource("status")
        .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(fieldManager)
            .withForce(true).build(), patch);
  }

  /** A condition as Kubernetes writes it. */
  static Map<String, Object> condition(String type, boolean status, String reason, String message, Long generation) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status ? "True" : "False");
    c.put("reason", reason);
    c.put("message", message);
    c.put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    if (generation != null) {
      c.put("observedGeneration", generation);
    }
    return c;
  }

  /** The conditions of a generic object's status. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> conditions(GenericKubernetesResource r) {
    Object status = r.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> map && map.get("conditions") instanceof List<?> list) {
      return (List<Map<String, Object>>) list;
    }
    return List.of();
  }

  static Map<String, Object> condition(GenericKubernetesResource r, String type) {
    return conditions(r).stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(null);
  }

  static boolean isTrue(GenericKubernetesResource r, String type) {
    Map<String, Object> c = condition(r, type);
    return c != null && "True".equals(c.get("status"));
  }

  static String statusString(GenericKubernetesResource r, String field) {
    Object status = r.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> map && map.get(field) != null) {
      return String.valueOf(map.get(field));
    }
    return null;
  }
}
