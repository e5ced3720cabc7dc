package dev.dpf.dpfctl.tree;

import dev.dpf.dpfctl.model.Cond;
import dev.dpf.dpfctl.source.Plurals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree of objects under the DPFOperatorConfig, built by adding children to parents. Adding under a grouping
 * parent merges Ready siblings of one kind and one Ready reason into a group node (reference section 5.6).
 */
public final class ObjectTree {

  /** How a node is added. */
  public record AddOptions(boolean groupingObject, String metaName, int zOrder) {
    public static final AddOptions NONE = new AddOptions(false, "", 0);
    public static final AddOptions GROUPING = new AddOptions(true, "", 0);
  }

  private final TreeNode root;
  private final TreeOptions options;
  private final Map<TreeNode, List<TreeNode>> children = new IdentityHashMap<>();
  private final Map<TreeNode, TreeNode> parents = new IdentityHashMap<>();

  public ObjectTree(TreeNode root, TreeOptions options) {
    this.root = root;
    this.options = options;
    if (Filters.matches(root.kind(), root.name(), options.showConditions())) {
      root.setShowConditions(true);
    }
  }

  public TreeNode root() {
    return root;
  }

  public TreeOptions options() {
    return options;
  }

  /** The children of {@code node} in insertion order (rendering orders them). */
  public List<TreeNode> children(TreeNode node) {
    return Collections.unmodifiableList(children.getOrDefault(node, List.of()));
  }

  public boolean hasChildren(TreeNode node) {
    return !children.getOrDefault(node, List.of()).isEmpty();
  }

  /** The parent of {@code node}, or null for the root and detached nodes. */
  public TreeNode parent(TreeNode node) {
    return parents.get(node);
  }

  /** The children of {@code node} in display order: descending z-order, then row name. */
  public List<TreeNode> orderedChildren(TreeNode node) {
    List<TreeNode> list = new ArrayList<>(children.getOrDefault(node, List.of()));
    list.sort(Comparator.comparingInt(TreeNode::zOrder).reversed().thenComparing(RowNames::plain));
    return list;
  }

  /** Every node reachable from the root, root first, in display order. */
  public List<TreeNode> nodes() {
    List<TreeNode> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private void collect(TreeNode node, List<TreeNode> out) {
    out.add(node);
    for (TreeNode child : orderedChildren(node)) {
      collect(child, out);
    }
  }

  /**
   * Adds {@code objs} under a new virtual header named by the plural of {@code headerName}; nothing when
   * {@code objs} is empty (a header is only added when it has children).
   */
  public TreeNode addWithHeader(TreeNode parent, List<TreeNode> objs, String headerName, AddOptions opts) {
    if (objs.isEmpty()) {
      return null;
    }
    String plural = Plurals.plural(headerName);
    TreeNode header = TreeNode.virtual("", plural, plural);
    add(parent, header, opts);
    for (TreeNode obj : objs) {
      add(header, obj, opts);
    }
    return header;
  }

  public boolean add(TreeNode parent, TreeNode obj) {
    return add(parent, obj, AddOptions.NONE);
  }

  /**
   * Adds {@code obj} under {@code parent}.
   *
   * @return whether the object got a row of its own (false when it was merged into a group)
   */
  public boolean add(TreeNode parent, TreeNode obj, AddOptions opts) {
    Cond objReady = obj.ready();
    if (Filters.matches(obj.kind(), obj.name(), options.showConditions())) {
      obj.setShowConditions(true);
    }
    if (!opts.metaName().isEmpty()) {
      obj.setMetaName(opts.metaName());
    }
    obj.setZOrder(opts.zOrder());

    if (parent.isGroupingParent() && objReady != null && objReady.isTrue() && !hasNotReadyChildren(obj)) {
      List<TreeNode> siblings = new ArrayList<>(children.getOrDefault(parent, List.of()));
      siblings.sort(Comparator.comparing(TreeNode::kind));
      for (TreeNode sibling : siblings) {
        Cond siblingReady = sibling.ready();
        if (!sameStatusAndReason(objReady, siblingReady) || hasNotReadyChildren(sibling)) {
          continue;
        }
        if (sibling.isGroup()) {
          if (sibling.kind().equals(obj.kind() + "Group")) {
            joinGroup(sibling, siblingReady, obj, objReady);
            return false;
          }
          continue;
        }
        if (!sibling.kind().equals(obj.kind())) {
          continue;
        }
        TreeNode group = TreeNode.group(obj.namespace(), obj.kind() + "Group");
        group.groupItems().add(obj.name());
        group.groupItems().add(sibling.name());
        Collections.sort(group.groupItems());
        group.setConditions(List.of(new Cond(objReady.type(), objReady.status(), objReady.reason(), "",
            older(objReady.lastTransitionTime(), siblingReady.lastTransitionTime()), objReady.observedGeneration())));
        group.setZOrder(obj.zOrder());
        attach(parent, group);
        remove(parent, sibling);
        return false;
      }
    }
    if (opts.groupingObject() && options.grouping()) {
      obj.setGroupingParent(true);
    }
    attach(parent, obj);
    return true;
  }

  private void joinGroup(TreeNode group, Cond groupReady, TreeNode obj, Cond objReady) {
    group.groupItems().add(obj.name());
    Collections.sort(group.groupItems());
    group.setConditions(List.of(new Cond(groupReady.type(), groupReady.status(), groupReady.reason(), "",
        older(objReady.lastTransitionTime(), groupReady.lastTransitionTime()), groupReady.observedGeneration())));
  }

  private static Instant older(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isAfter(b) ? b : a;
  }

  private static boolean sameStatusAndReason(Cond a, Cond b) {
    if ((a == null) != (b == null)) {
      return false;
    }
    return a == null || (a.status().equals(b.status()) && a.reason().equals(b.reason()));
  }

  /**
   * Whether any child is not ready: its Ready is not True, or it has no Ready but a non-True condition; children
   * without any condition (headers) are checked recursively.
   */
  public boolean hasNotReadyChildren(TreeNode node) {
    for (TreeNode child : children.getOrDefault(node, List.of())) {
      Cond ready = child.ready();
      if (ready == null) {
        if (child.hasFailedConditions()) {
          return true;
        }
        if (child.conditions().isEmpty() && hasNotReadyChildren(child)) {
          return true;
        }
        continue;
      }
      if (!ready.isTrue()) {
        return true;
      }
    }
    return false;
  }

  private void attach(TreeNode parent, TreeNode obj) {
    children.computeIfAbsent(parent, p -> new ArrayList<>()).add(obj);
    parents.put(obj, parent);
  }

  private void remove(TreeNode parent, TreeNode node) {
    for (TreeNode child : new ArrayList<>(children.getOrDefault(node, List.of()))) {
      remove(node, child);
    }
    children.remove(node);
    List<TreeNode> siblings = children.get(parent);
    if (siblings != null) {
      siblings.removeIf(n -> n == node);
    }
    parents.remove(node);
  }
}
