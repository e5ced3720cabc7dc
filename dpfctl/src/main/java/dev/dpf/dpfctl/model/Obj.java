package dev.dpf.dpfctl.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Read access to an object as the API server returned it ({@link GenericKubernetesResource}): dpfctl reads every
 * kind untyped, so objects written by newer controllers (extra fields) or third-party kinds (Argo CD, Kamaji) are
 * shown without a model class, and JSON output keeps the metadata as served.
 */
public final class Obj {

  private final GenericKubernetesResource resource;

  public Obj(GenericKubernetesResource resource) {
    this.resource = resource;
    if (resource.getMetadata() == null) {
      resource.setMetadata(new ObjectMeta());
    }
  }

  public GenericKubernetesResource resource() {
    return resource;
  }

  public ObjectMeta metadata() {
    return resource.getMetadata();
  }

  public String apiVersion() {
    return resource.getApiVersion() == null ? "" : resource.getApiVersion();
  }

  public String kind() {
    return resource.getKind() == null ? "" : resource.getKind();
  }

  public String name() {
    return metadata().getName() == null ? "" : metadata().getName();
  }

  public String namespace() {
    return metadata().getNamespace() == null ? "" : metadata().getNamespace();
  }

  public Map<String, String> labels() {
    return metadata().getLabels() == null ? Collections.emptyMap() : metadata().getLabels();
  }

  public String label(String key) {
    return labels().get(key);
  }

  public Instant creationTimestamp() {
    return parseTime(metadata().getCreationTimestamp());
  }

  public Instant deletionTimestamp() {
    return parseTime(metadata().getDeletionTimestamp());
  }

  /** The value at {@code path} (e.g. {@code "spec", "bfb"}), or null. */
  public Object get(String... path) {
    Object current = resource.getAdditionalProperties();
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  /** The string at {@code path}, or "" when absent or not a scalar. */
  public String str(String... path) {
    Object value = get(path);
    if (value == null || value instanceof Map || value instanceof List) {
      return "";
    }
    return String.valueOf(value);
  }

  /** The number at {@code path}, or null. */
  public Long number(String... path) {
    Object value = get(path);
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The list at {@code path} (empty when absent). */
  public List<?> list(String... path) {
    Object value = get(path);
    return value instanceof List<?> l ? l : List.of();
  }

  /** The map at {@code path} (empty when absent). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String... path) {
    Object value = get(path);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** {@code status.conditions} in their stored order. */
  public List<Cond> conditions() {
    return conditionsAt("status", "conditions");
  }

  /** The {@code metav1.Condition} list at {@code path}, in stored order. */
  public List<Cond> conditionsAt(String... path) {
    List<Cond> result = new ArrayList<>();
    for (Object item : list(path)) {
      if (item instanceof Map<?, ?> c) {
        result.add(condition(c));
      }
    }
    return result;
  }

  /** A condition read from its JSON map. */
  public static Cond condition(Map<?, ?> c) {
    Object generation = c.get("observedGeneration");
    return new Cond(text(c.get("type")), text(c.get("status")), text(c.get("reason")), text(c.get("message")),
        parseTime(text(c.get("lastTransitionTime"))),
        generation instanceof Number n ? Long.valueOf(n.longValue()) : null);
  }

  /** The condition of {@code type} in {@code status.conditions}, or null. */
  public Cond condition(String type) {
    return conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }

  public static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  /** An RFC 3339 time, or null when absent or unparsable. */
  public static Instant parseTime(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  @Override
  public String toString() {
    return kind() + "/" + (namespace().isEmpty() ? "" : namespace() + "/") + name();
  }
}
