package dev.dpf.dpfctl.tree;

import dev.dpf.dpfctl.model.Cond;
import dev.dpf.dpfctl.model.Obj;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the tree: a real object, or a virtual one (apiVersion {@value #VIRTUAL_API_VERSION}) for headers,
 * groups and objects whose conditions dpfctl synthesises (BFB, Argo CD Application, Kamaji TenantControlPlane).
 * Nodes are identified by reference: the same object may appear under two parents as two nodes.
 */
public final class TreeNode {

  public static final String VIRTUAL_API_VERSION = "virtual.dpu.nvidia.com/v1alpha1";

  private final String apiVersion;
  private final String kind;
  private final String name;
  private final String namespace;
  /** The object as read (null for headers and groups): its metadata goes into JSON/YAML output. */
  private final Obj source;
  /** Headers and groups: shown by display name, never in JSON/YAML output. */
  private final boolean virtual;
  /** Synthesised stand-ins of real objects: shown as {@code Kind/name}, not in JSON/YAML output. */
  private final boolean synthesised;
  private List<Cond> conditions;
  private Instant deletionTimestamp;

  private boolean group;
  private final List<String> groupItems = new ArrayList<>();
  private boolean groupingParent;
  private boolean showConditions;
  private String metaName = "";
  private int zOrder;
  /** Extra text for the object's own row when it is shown in conditions mode (e.g. a DPU's phase). */
  private String note = "";

  private TreeNode(String apiVersion, String kind, String name, String namespace, Obj source, boolean virtual,
      boolean synthesised, List<Cond> conditions) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.name = name;
    this.namespace = namespace == null ? "" : namespace;
    this.source = source;
    this.virtual = virtual;
    this.synthesised = synthesised;
    this.conditions = new ArrayList<>(conditions);
  }

  /** A real object with its own {@code status.conditions}. */
  public static TreeNode of(Obj obj) {
    return of(obj, obj.conditions());
  }

  /** A real object with the given conditions (e.g. a DPU with its operational conditions added). */
  public static TreeNode of(Obj obj, List<Cond> conditions) {
    TreeNode node = new TreeNode(obj.apiVersion(), obj.kind(), obj.name(), obj.namespace(), obj, false, false,
        conditions);
    node.deletionTimestamp = obj.deletionTimestamp();
    return node;
  }

  /** A header or other virtual node, shown by its name. */
  public static TreeNode virtual(String namespace, String kind, String name) {
    return new TreeNode(VIRTUAL_API_VERSION, kind, name, namespace, null, true, false, List.of());
  }

  /** A stand-in for a real object without metav1 conditions, shown as {@code kind/name}. */
  public static TreeNode synthesised(Obj obj, String kind, List<Cond> conditions) {
    TreeNode node = new TreeNode(VIRTUAL_API_VERSION, kind, obj.name(), obj.namespace(), obj, false, true,
        conditions);
    node.deletionTimestamp = obj.deletionTimestamp();
    return node;
  }

  static TreeNode group(String namespace, String kind) {
    TreeNode node = new TreeNode(VIRTUAL_API_VERSION, kind, "", namespace, null, true, false, List.of());
    node.group = true;
    return node;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public String namespace() {
    return namespace;
  }

  public Obj source() {
    return source;
  }

  /** Metadata of the real object, or null. */
  public ObjectMeta metadata() {
    return source == null ? null : source.metadata();
  }

  public boolean isVirtual() {
    return virtual;
  }

  public boolean isSynthesised() {
    return synthesised;
  }

  /** Whether the node stands for an object of the cluster as read (shown in JSON/YAML output). */
  public boolean isReal() {
    return !virtual && !synthesised;
  }

  public List<Cond> conditions() {
    return conditions;
  }

  public void setConditions(List<Cond> conditions) {
    this.conditions = new ArrayList<>(conditions);
  }

  /** The {@code Ready} condition, or null. */
  public Cond ready() {
    return conditions.stream().filter(Cond::isReady).findFirst().orElse(null);
  }

  /** Whether any condition is not True. */
  public boolean hasFailedConditions() {
    return conditions.stream().anyMatch(c -> !c.isTrue());
  }

  public Instant deletionTimestamp() {
    return deletionTimestamp;
  }

  public boolean isGroup() {
    return group;
  }

  /** Names of the objects merged into this group, sorted. */
  public List<String> groupItems() {
    return groupItems;
  }

  public boolean isGroupingParent() {
    return groupingParent;
  }

  void setGroupingParent(boolean groupingParent) {
    this.groupingParent = groupingParent;
  }

  public boolean showConditions() {
    return showConditions;
  }

  public void setShowConditions(boolean showConditions) {
    this.showConditions = showConditions;
  }

  public String metaName() {
    return metaName;
  }

  public void setMetaName(String metaName) {
    this.metaName = metaName == null ? "" : metaName;
  }

  public int zOrder() {
    return zOrder;
  }

  void setZOrder(int zOrder) {
    this.zOrder = zOrder;
  }

  public String note() {
    return note;
  }

  public void setNote(String note) {
    this.note = note == null ? "" : note;
  }

  @Override
  public String toString() {
    return kind + "/" + name;
  }
}
