package dev.dpf.dpfctl.source;

import dev.dpf.dpfctl.model.Obj;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The objects of one dpfctl run: each kind is listed once (on first use) and then filtered in memory, so a tree of
 * any size costs one list call per kind. Objects are sorted by namespace and name for a stable output.
 */
public final class Snapshot {

  private final ObjectSource source;
  private final String namespace;
  private final Map<ResourceKind, List<Obj>> cache = new HashMap<>();

  /**
   * @param namespace restricts every namespaced kind except DPFOperatorConfig (the root, searched everywhere) to one
   *     namespace; null for all namespaces
   */
  public Snapshot(ObjectSource source, String namespace) {
    this.source = source;
    this.namespace = namespace;
  }

  public String namespace() {
    return namespace;
  }

  /** All objects of {@code kind} in scope. */
  public List<Obj> all(ResourceKind kind) {
    return cache.computeIfAbsent(kind, k -> {
      String ns = k.namespaced() && !k.equals(Kinds.DPF_OPERATOR_CONFIG) ? namespace : null;
      return source.list(k, ns).stream()
          .map(r -> {
            // list items come without apiVersion/kind on some paths: set them from the kind listed
            r.setApiVersion(k.apiVersion());
            r.setKind(k.kind());
            return new Obj(r);
          })
          .sorted(Comparator.comparing(Obj::namespace).thenComparing(Obj::name))
          .toList();
    });
  }

  /** The objects of {@code kind} matching {@code filter}. */
  public List<Obj> where(ResourceKind kind, Predicate<Obj> filter) {
    return all(kind).stream().filter(filter).toList();
  }

  /** The objects of {@code kind} carrying all {@code labels}. */
  public List<Obj> withLabels(ResourceKind kind, Map<String, String> labels) {
    return where(kind, o -> labels.entrySet().stream()
        .allMatch(e -> Objects.equals(o.labels().get(e.getKey()), e.getValue())));
  }

  /** The object {@code namespace/name} of {@code kind}. */
  public Optional<Obj> get(ResourceKind kind, String ns, String name) {
    return all(kind).stream()
        .filter(o -> o.name().equals(name) && (!kind.namespaced() || o.namespace().equals(ns)))
        .findFirst();
  }
}
