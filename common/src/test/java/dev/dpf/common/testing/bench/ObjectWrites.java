package dev.dpf.common.testing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the writes to a set of objects by watching them: every new {@code resourceVersion} seen for an object that
 * already existed is one write that reached etcd (a no-op update, or an apply that changes nothing, keeps the
 * resourceVersion and is not counted; informer resyncs repeat the same resourceVersion and are not counted either).
 * For the first writes it keeps which fields changed, so that a write nobody expected can be explained.
 */
public final class ObjectWrites implements AutoCloseable {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final int EXAMPLES = 8;

  private final String label;
  private final SharedIndexInformer<? extends HasMetadata> informer;
  private final Map<String, AtomicLong> perObject = new ConcurrentHashMap<>();
  private final AtomicLong creates = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final List<String> examples = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicLong> changes = new ConcurrentHashMap<>();

  private <T extends HasMetadata> ObjectWrites(String label, Informable<T> source) {
    this.label = label;
    // inform() returns once the initial list is in the cache
    this.informer = source.inform(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        creates.incrementAndGet();
      }

      @Override
      public void onUpdate(T old, T obj) {
        if (Objects.equals(old.getMetadata().getResourceVersion(), obj.getMetadata().getResourceVersion())) {
          return;
        }
        perObject.computeIfAbsent(obj.getMetadata().getName(), n -> new AtomicLong()).incrementAndGet();
        String paths = changedPaths(old, obj);
        changes.computeIfAbsent(paths, p -> new AtomicLong()).incrementAndGet();
        if (examples.size() < EXAMPLES) {
          examples.add(obj.getMetadata().getName() + ": " + paths);
        }
      }

      @Override
      public void onDelete(T obj, boolean unknown) {
        deletes.incrementAndGet();
      }
    });
  }

  /** Starts watching what {@code source} selects (e.g. {@code client.resources(DPU.class).inNamespace(ns)}). */
  public static <T extends HasMetadata> ObjectWrites watch(String label, Informable<T> source) {
    return new ObjectWrites(label, source);
  }

  /** Forgets what was counted so far (the start of a measuring window). */
  public void reset() {
    perObject.clear();
    creates.set(0);
    deletes.set(0);
    examples.clear();
    changes.clear();
  }

  public String label() {
    return label;
  }

  /** Updates seen (new resourceVersions of existing objects). */
  public long updates() {
    return perObject.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long creates() {
    return creates.get();
  }

  public long deletes() {
    return deletes.get();
  }

  /** Objects in the cache now. */
  public int size() {
    return informer.getStore().list().size();
  }

  /** Updates per object name. */
  public Map<String, Long> perObject() {
    Map<String, Long> out = new TreeMap<>();
    perObject.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** How often each set of changed fields was seen ("status.phase, status.conditions[Ready]" = n), largest first. */
  public Map<String, Long> changes() {
    Map<String, Long> out = new LinkedHashMap<>();
    changes.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
        .forEach(e -> out.put(e.getKey(), e.getValue().get()));
    return out;
  }

  /** Up to 8 writes as "name: changed field paths". */
  public List<String> examples() {
    return new ArrayList<>(examples);
  }

  /** The field paths that differ (metadata.resourceVersion and managedFields left out). */
  static String changedPaths(Object before, Object after) {
    JsonNode a = JSON.convertValue(before, JsonNode.class);
    JsonNode b = JSON.convertValue(after, JsonNode.class);
    for (JsonNode n : List.of(a, b)) {
      if (n.get("metadata") instanceof ObjectNode meta) {
        meta.remove("resourceVersion");
        meta.remove("managedFields");
      }
    }
    List<String> paths = new ArrayList<>();
    diff("", a, b, paths);
    return paths.isEmpty() ? "(only managedFields/resourceVersion)" : String.join(", ", paths);
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a != null && b != null && isConditions(a) && isConditions(b)) {
      Map<String, JsonNode> before = byType(a);
      Map<String, JsonNode> after = byType(b);
      List<String> types = new ArrayList<>(before.keySet());
      after.keySet().stream().filter(t -> !types.contains(t)).forEach(types::add);
      for (String t : types) {
        if (!Objects.equals(before.get(t), after.get(t))) {
          out.add(path + "[" + t + "]");
        }
      }
      return;
    }
    if (a != null && b != null && a.isObject() && b.isObject() && path.split("\\.").length < 4) {
      List<String> names = new ArrayList<>();
      a.fieldNames().forEachRemaining(names::add);
      for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
        String n = it.next();
        if (!names.contains(n)) {
          names.add(n);
        }
      }
      for (String n : names) {
        diff(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n), out);
      }
      return;
    }
    out.add(path);
  }

  private static boolean isConditions(JsonNode n) {
    if (!n.isArray() || n.isEmpty()) {
      return false;
    }
    for (JsonNode e : n) {
      if (!e.isObject() || !e.has("type")) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, JsonNode> byType(JsonNode conditions) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    conditions.forEach(c -> out.put(c.get("type").asText(), c));
    return out;
  }

  @Override
  public void close() {
    informer.close();
  }
}
