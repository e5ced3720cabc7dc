package dev.dpf.dpfctl.tree;

import dev.dpf.dpfctl.source.Plurals;

/** The NAME cell of a node, without tree prefix and colours (used for ordering and by the printer). */
public final class RowNames {

  public static final String DELETION_MARKER = "!! IN DELETION !!";

  private RowNames() {}

  /**
   * Groups: {@code <N> <PluralKind>...}; other virtual nodes: the meta name or the name; objects:
   * {@code Kind/name}, {@code <meta> - Kind/name} with a meta name, prefixed by the deletion marker while deleted.
   */
  public static String plain(TreeNode node) {
    if (node.isGroup()) {
      return groupLabel(node);
    }
    if (node.isVirtual()) {
      return node.metaName().isEmpty() ? node.name() : node.metaName();
    }
    String name = node.kind() + "/" + node.name();
    if (!node.metaName().isEmpty()) {
      name = node.metaName() + " - " + name;
    }
    if (node.deletionTimestamp() != null) {
      name = DELETION_MARKER + " " + name;
    }
    return name;
  }

  /** {@code 4 DPUServices...}. */
  public static String groupLabel(TreeNode group) {
    String kind = group.kind().endsWith("Group")
        ? group.kind().substring(0, group.kind().length() - "Group".length())
        : group.kind();
    return group.groupItems().size() + " " + Plurals.plural(kind) + "...";
  }
}
