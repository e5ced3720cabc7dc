package dev.dpf.dpfctl.render;

import dev.dpf.dpfctl.model.Cond;
import dev.dpf.dpfctl.source.Plurals;
import dev.dpf.dpfctl.tree.ObjectTree;
import dev.dpf.dpfctl.tree.TreeNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code -o json|yaml} (reference section 5.7): a map from the plural kind of the root ({@code DPFOperatorConfigs})
 * and the lower-case plural kinds of the other objects ({@code dpuservices}) to entries
 * {@code {metadata, typeMeta, conditions}}. Virtual nodes (headers, groups, synthesised BFB / Application /
 * TenantControlPlane rows) are left out, so objects merged into a group only appear with {@code --grouping=false}.
 * Entries of a kind are sorted by namespace and name.
 */
public final class FormattedPrinter {

  /** The tree annotations upstream puts on nodes and that remain visible in this output. */
  public static final String SHOW_CONDITIONS_ANNOTATION = "tree.cluster.x-k8s.io.io/show-conditions";
  public static final String META_NAME_ANNOTATION = "tree.cluster.x-k8s.io.io/meta-name";

  private FormattedPrinter() {}

  /** The JSON text: Go's {@code json.MarshalIndent(v, "", "  ")} layout, then a new line. */
  public static String json(ObjectTree tree) {
    return GoJson.write(document(tree)) + "\n";
  }

  /** The YAML text (keys sorted, as sigs.k8s.io/yaml writes them), then an empty line. */
  public static String yaml(ObjectTree tree) {
    return GoYaml.write(document(tree)) + "\n";
  }

  static Map<String, List<Map<String, Object>>> document(ObjectTree tree) {
    Map<String, List<Map<String, Object>>> out = new TreeMap<>();
    TreeNode root = tree.root();
    out.put(Plurals.plural(root.kind()), new ArrayList<>(List.of(entry(root))));
    List<TreeNode> nodes = new ArrayList<>(tree.nodes());
    nodes.remove(0);
    nodes.sort(Comparator.comparing(TreeNode::namespace).thenComparing(TreeNode::name));
    for (TreeNode node : nodes) {
      if (node.isReal()) {
        out.computeIfAbsent(Plurals.plural(node.kind().toLowerCase(Locale.ROOT)), k -> new ArrayList<>())
            .add(entry(node));
      }
    }
    return out;
  }

  private static Map<String, Object> entry(TreeNode node) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("metadata", metadata(node));
    Map<String, Object> typeMeta = new LinkedHashMap<>();
    putIfNotEmpty(typeMeta, "apiVersion", node.apiVersion());
    putIfNotEmpty(typeMeta, "kind", node.kind());
    entry.put("typeMeta", typeMeta);
    List<Map<String, Object>> conditions = new ArrayList<>();
    for (Cond c : node.conditions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", c.type());
      m.put("status", c.status());
      if (c.observedGeneration() != null && c.observedGeneration() != 0) {
        m.put("observedGeneration", c.observedGeneration());
      }
      m.put("lastTransitionTime", time(c.lastTransitionTime()));
      m.put("reason", c.reason());
      m.put("message", c.message());
      conditions.add(m);
    }
    entry.put("conditions", conditions);
    return entry;
  }

  /** ObjectMeta in Go's field order with its omitempty rules ({@code creationTimestamp} is always written). */
  private static Map<String, Object> metadata(TreeNode node) {
    ObjectMeta meta = node.metadata() == null ? new ObjectMeta() : node.metadata();
    Map<String, Object> m = new LinkedHashMap<>();
    putIfNotEmpty(m, "name", node.name());
    putIfNotEmpty(m, "namespace", node.namespace());
    putIfNotEmpty(m, "uid", meta.getUid());
    putIfNotEmpty(m, "resourceVersion", meta.getResourceVersion());
    if (meta.getGeneration() != null && meta.getGeneration() != 0) {
      m.put("generation", meta.getGeneration());
    }
    m.put("creationTimestamp", time(dev.dpf.dpfctl.model.Obj.parseTime(meta.getCreationTimestamp())));
    if (node.deletionTimestamp() != null) {
      m.put("deletionTimestamp", time(node.deletionTimestamp()));
    }
    if (meta.getLabels() != null && !meta.getLabels().isEmpty()) {
      m.put("labels", new TreeMap<>(meta.getLabels()));
    }
    Map<String, String> annotations = new TreeMap<>();
    if (meta.getAnnotations() != null) {
      annotations.putAll(meta.getAnnotations());
    }
    if (node.showConditions()) {
      annotations.put(SHOW_CONDITIONS_ANNOTATION, "True");
    }
    if (!node.metaName().isEmpty()) {
      annotations.put(META_NAME_ANNOTATION, node.metaName());
    }
    if (!annotations.isEmpty()) {
      m.put("annotations", annotations);
    }
    if (meta.getOwnerReferences() != null && !meta.getOwnerReferences().isEmpty()) {
      List<Map<String, Object>> refs = new ArrayList<>();
      for (OwnerReference ref : meta.getOwnerReferences()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("apiVersion", ref.getApiVersion());
        r.put("kind", ref.getKind());
        r.put("name", ref.getName());
        r.put("uid", ref.getUid() == null ? "" : ref.getUid());
        if (ref.getController() != null) {
          r.put("controller", ref.getController());
        }
        if (ref.getBlockOwnerDeletion() != null) {
          r.put("blockOwnerDeletion", ref.getBlockOwnerDeletion());
        }
        refs.add(r);
      }
      m.put("ownerReferences", refs);
    }
    if (meta.getFinalizers() != null && !meta.getFinalizers().isEmpty()) {
      m.put("finalizers", List.copyOf(meta.getFinalizers()));
    }
    return m;
  }

  private static void putIfNotEmpty(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }

  /** RFC 3339 in UTC with seconds (metav1.Time), or null for an unknown time. */
  private static String time(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
