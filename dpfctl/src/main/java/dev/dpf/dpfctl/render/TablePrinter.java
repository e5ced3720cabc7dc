package dev.dpf.dpfctl.render;

import dev.dpf.dpfctl.model.Cond;
import dev.dpf.dpfctl.tree.ObjectTree;
import dev.dpf.dpfctl.tree.RowNames;
import dev.dpf.dpfctl.tree.TreeNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a tree as the {@code NAME NAMESPACE STATUS REASON SINCE MESSAGE} table (reference section 5.5): left
 * aligned columns separated by two spaces, tree prefixes in the NAME column, one row per condition for objects in
 * conditions mode, messages wrapped at 100 characters with the tree kept connected on continuation rows.
 */
public final class TablePrinter {

  public static final List<String> HEADER = List.of("NAME", "NAMESPACE", "STATUS", "REASON", "SINCE", "MESSAGE");

  static final String FIRST = "├─";
  static final String LAST = "└─";
  static final String PIPE = "│ ";
  static final String INDENT = "  ";
  static final String FILLER = " ".repeat(10);

  private final ObjectTree tree;
  private final Instant now;
  private final Ansi ansi;
  private final List<List<String>> rows = new ArrayList<>();

  public TablePrinter(ObjectTree tree, Instant now, Ansi ansi) {
    this.tree = tree;
    this.now = now;
    this.ansi = ansi;
  }

  /** The table, one line per row, each ending with a new line. */
  public String render() {
    rows.clear();
    rows.add(HEADER);
    addObjectRow("", tree.root());
    return format(rows);
  }

  private void addObjectRow(String prefix, TreeNode node) {
    Cond ready = node.ready();
    String status = "";
    String reason = "";
    String since = "";
    String message = "";
    if (ready != null) {
      status = ready.status();
      reason = ready.reason();
      since = since(ready.lastTransitionTime());
      message = ready.message();
    }
    if (node.isGroup()) {
      message = "See " + String.join(", ", node.groupItems());
    }
    boolean conditionsMode = conditionsMode(node);
    if (conditionsMode) {
      status = "";
      reason = "";
      since = "";
      message = node.note();
    } else if (!status.isEmpty()) {
      status = Cond.READY + ": " + status;
    }
    List<String> lines = Paragraph.wrap(message, Paragraph.WIDTH);
    rows.add(List.of(ansi.gray(prefix) + rowName(node), node.namespace(), ansi.condition(ready, status),
        ansi.condition(ready, reason), since, lines.get(0)));
    if (lines.size() > 1) {
      String continuation = ansi.gray(multilineObjectPrefix(node));
      for (String line : lines.subList(1, lines.size())) {
        rows.add(List.of(continuation, "", "", "", "", line));
      }
    }
    if (conditionsMode) {
      addConditions(prefix, node);
    }
    List<TreeNode> children = tree.orderedChildren(node);
    for (int i = 0; i < children.size(); i++) {
      addObjectRow(childPrefix(prefix, i, children.size()), children.get(i));
    }
  }

  /** An object is shown with one row per condition when asked to, or when any of its conditions is not True. */
  public static boolean conditionsMode(TreeNode node) {
    return node.showConditions() || node.hasFailedConditions();
  }

  private void addConditions(String prefix, TreeNode node) {
    String childrenPipe = tree.hasChildren(node) ? PIPE : INDENT;
    List<Cond> conditions = node.conditions().stream()
        .filter(c -> tree.options().allConditions() || c.isReady() || !c.isTrue())
        .toList();
    for (int i = 0; i < conditions.size(); i++) {
      Cond c = conditions.get(i);
      String childPrefix = childPrefix(prefix + childrenPipe + FILLER, i, conditions.size());
      List<String> lines = Paragraph.wrap(c.message(), Paragraph.WIDTH);
      rows.add(List.of(ansi.gray(childPrefix) + ansi.cyan(c.type()), "", ansi.condition(c, c.status()),
          ansi.condition(c, c.reason()), since(c.lastTransitionTime()), lines.get(0)));
      for (String line : lines.subList(1, lines.size())) {
        rows.add(List.of(ansi.gray(multilineConditionPrefix(childPrefix)), "", "", "", "", line));
      }
    }
  }

  private String rowName(TreeNode node) {
    if (node.isGroup()) {
      return ansi.boldWhite(RowNames.groupLabel(node));
    }
    if (node.isVirtual()) {
      return RowNames.plain(node);
    }
    String name = node.kind() + "/" + ansi.bold(node.name());
    if (!node.metaName().isEmpty()) {
      name = node.metaName() + " - " + ansi.gray(name);
    }
    if (node.deletionTimestamp() != null) {
      name = ansi.red(RowNames.DELETION_MARKER) + " " + name;
    }
    return name;
  }

  private String since(Instant time) {
    return time == null ? "" : HumanDuration.format(Duration.between(time, now));
  }

  /**
   * The prefix of a child row: the parent's prefix with {@code ├─} turned into {@code │ } and {@code └─} into two
   * spaces, then {@code ├─} for every child but the last, {@code └─} for the last.
   */
  public static String childPrefix(String currentPrefix, int childIndex, int childCount) {
    String next = currentPrefix.replace(FIRST, PIPE).replace(LAST, INDENT);
    return next + (childIndex < childCount - 1 ? FIRST : LAST);
  }

  /** The NAME cell of a condition message's continuation row: the vertical line goes on below {@code ├─}. */
  public static String multilineConditionPrefix(String conditionPrefix) {
    if (conditionPrefix.endsWith(FIRST)) {
      return conditionPrefix.substring(0, conditionPrefix.length() - FIRST.length()) + PIPE;
    }
    if (conditionPrefix.endsWith(LAST)) {
      return conditionPrefix.substring(0, conditionPrefix.length() - LAST.length());
    }
    return "?";
  }

  /**
   * The NAME cell of an object message's continuation row: a vertical line for every ancestor that has children
   * after this branch, and one for the object's own children.
   */
  String multilineObjectPrefix(TreeNode node) {
    StringBuilder prefix = new StringBuilder(tree.hasChildren(node) ? PIPE : INDENT);
    TreeNode child = node;
    TreeNode parent = tree.parent(node);
    while (parent != null) {
      List<TreeNode> siblings = tree.orderedChildren(parent);
      boolean last = !siblings.isEmpty() && siblings.get(siblings.size() - 1) == child;
      prefix.insert(0, last ? INDENT : PIPE);
      child = parent;
      parent = tree.parent(parent);
    }
    return prefix.toString();
  }

  /** Left-aligned columns separated by two spaces, trailing blanks removed. */
  static String format(List<List<String>> rows) {
    int columns = HEADER.size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], width(row.get(c)));
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row.get(c);
        line.append(cell);
        if (c < columns - 1) {
          line.append(" ".repeat(widths[c] - width(cell) + 2));
        }
      }
      out.append(stripTrailing(line.toString())).append('\n');
    }
    return out.toString();
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  /** Display width: code points without escape sequences (box-drawing characters are one column). */
  static int width(String cell) {
    String plain = Ansi.strip(cell);
    return plain.codePointCount(0, plain.length());
  }
}
