package dev.dpf.dpfctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.dpfctl.model.Cond;
import dev.dpf.dpfctl.tree.ObjectTree;
import dev.dpf.dpfctl.tree.TreeNode;
import dev.dpf.dpfctl.tree.TreeOptions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {

  @Test
  void childPrefixesCarryTheVerticalLinesOfOpenBranches() {
    assertThat(TablePrinter.childPrefix("", 0, 2)).isEqualTo("├─");
    assertThat(TablePrinter.childPrefix("", 1, 2)).isEqualTo("└─");
    assertThat(TablePrinter.childPrefix("├─", 0, 1)).isEqualTo("│ └─");
    assertThat(TablePrinter.childPrefix("└─", 0, 2)).isEqualTo("  ├─");
    assertThat(TablePrinter.childPrefix("│ ├─", 1, 2)).isEqualTo("│ │ └─");
  }

  @Test
  void conditionPrefixArithmetic() {
    // conditions of the root (which has children): "│" + 11 spaces + "├─"
    String root = TablePrinter.childPrefix("" + "│ " + " ".repeat(10), 0, 3);
    assertThat(root).isEqualTo("│" + " ".repeat(11) + "├─");
    // conditions of a leaf printed as "│ └─Kind/name": "│" + 15 spaces + "├─"
    String leaf = TablePrinter.childPrefix("│ └─" + "  " + " ".repeat(10), 0, 3);
    assertThat(leaf).isEqualTo("│" + " ".repeat(15) + "├─");
    // last condition of an object with children, itself a middle child
    String middle = TablePrinter.childPrefix("│ ├─" + "│ " + " ".repeat(10), 2, 3);
    assertThat(middle).isEqualTo("│ │ │" + " ".repeat(11) + "└─");
    // continuation rows of a wrapped message keep the line below ├─ and drop it below └─
    assertThat(TablePrinter.multilineConditionPrefix(root)).isEqualTo("│" + " ".repeat(11) + "│ ");
    assertThat(TablePrinter.multilineConditionPrefix(middle)).isEqualTo("│ │ │" + " ".repeat(11));
  }

  @Test
  void objectMessageContinuationKeepsTheTreeConnected() {
    Instant now = Instant.parse("2025-06-01T12:00:00Z");
    TreeNode root = TreeNode.virtual("ns", "Root", "Root");
    ObjectTree tree = new ObjectTree(root, TreeOptions.defaults());
    TreeNode first = TreeNode.virtual("ns", "Header", "A");
    TreeNode second = TreeNode.virtual("ns", "Header", "B");
    tree.add(root, first);
    tree.add(root, second);
    TreeNode child = TreeNode.virtual("ns", "Child", "child");
    child.setConditions(List.of(new Cond("Ready", "True", "Success", "word ".repeat(30).strip(), now)));
    tree.add(first, child);
    TablePrinter printer = new TablePrinter(tree, now, Ansi.OFF);
    // child is the last of A, A is not the last of the root: the root's line goes on
    assertThat(printer.multilineObjectPrefix(child)).isEqualTo("│   " + "  ");
    String table = printer.render();
    assertThat(table.lines().toList()).containsSubsequence(
        "│ └─child  ns         Ready: True  Success  0s     word word word word word word word word word word word word"
            + " word word word word word word word word",
        "│                                                  word word word word word word word word word word",
        "└─B        ns");
  }

  @Test
  void coloursFollowTheConditionRules() {
    Instant t = Instant.EPOCH;
    Ansi ansi = Ansi.ON;
    assertThat(ansi.condition(new Cond("Ready", "True", "", "", t), "x")).isEqualTo("\u001b[32mx\u001b[0m");
    assertThat(ansi.condition(new Cond("Ready", "False", "", "", t), "x")).isEqualTo("\u001b[31mx\u001b[0m");
    assertThat(ansi.condition(new Cond("SetReady", "Unknown", "", "", t), "x")).isEqualTo("\u001b[31mx\u001b[0m");
    assertThat(ansi.condition(new Cond("SecretReconciled", "False", "", "", t), "x"))
        .isEqualTo("\u001b[33mx\u001b[0m");
    assertThat(ansi.condition(new Cond("DMSRunning", "False", "", "", t), "x")).isEqualTo("\u001b[37mx\u001b[0m");
    assertThat(ansi.condition(new Cond("DaemonSet/x", "Synced", "", "", t), "x")).isEqualTo("\u001b[90mx\u001b[0m");
    assertThat(ansi.condition(null, "x")).isEqualTo("\u001b[90mx\u001b[0m");
    assertThat(ansi.boldWhite("4 DPUs...")).isEqualTo("\u001b[37;1m4 DPUs...\u001b[0m");
    assertThat(ansi.gray("")).isEmpty();
    assertThat(Ansi.OFF.condition(new Cond("Ready", "False", "", "", t), "x")).isEqualTo("x");
  }

  @Test
  void colouredTablesHaveTheSameLayout() {
    Instant now = Instant.parse("2025-06-01T12:00:00Z");
    TreeNode root = TreeNode.virtual("ns", "Root", "Root");
    ObjectTree tree = new ObjectTree(root, TreeOptions.defaults());
    TreeNode child = TreeNode.virtual("ns", "Child", "child");
    child.setConditions(List.of(new Cond("Ready", "False", "Pending", "not yet", now),
        new Cond("SecretReconciled", "False", "Error", "boom", now)));
    tree.add(root, child);
    String plain = new TablePrinter(tree, now, Ansi.OFF).render();
    String coloured = new TablePrinter(tree, now, Ansi.ON).render();
    assertThat(coloured).contains("\u001b[");
    assertThat(Ansi.strip(coloured)).isEqualTo(plain);
  }
}
