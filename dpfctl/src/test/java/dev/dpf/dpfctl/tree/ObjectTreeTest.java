package dev.dpf.dpfctl.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.dpfctl.model.Cond;
import dev.dpf.dpfctl.tree.ObjectTree.AddOptions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectTreeTest {

  private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

  private static TreeNode node(String kind, String name, String status, String reason, Instant time) {
    TreeNode n = TreeNode.virtual("ns", kind, name);
    // a real-looking node: virtual() is only used to build it without an API object
    n.setConditions(List.of(new Cond("Ready", status, reason, "msg of " + name, time)));
    return n;
  }

  private static ObjectTree tree(boolean grouping) {
    return new ObjectTree(TreeNode.virtual("", "Root", "root"), new TreeOptions("", "", "", grouping));
  }

  @Test
  void readySiblingsWithTheSameReasonBecomeOneGroup() {
    ObjectTree tree = tree(true);
    TreeNode header = tree.addWithHeader(tree.root(), List.of(
        node("DPU", "b", "True", "Ready", T.minusSeconds(10)),
        node("DPU", "c", "False", "Pending", T),
        node("DPU", "a", "True", "Ready", T.minusSeconds(30)),
        node("DPU", "d", "True", "Ready", T.minusSeconds(20)),
        node("DPU", "e", "True", "Other", T)), "DPU", AddOptions.GROUPING);
    assertThat(header.name()).isEqualTo("DPUs");
    List<TreeNode> children = tree.orderedChildren(header);
    assertThat(children).extracting(RowNames::plain).containsExactly("3 DPUs...", "c", "e");
    TreeNode group = children.get(0);
    assertThat(group.kind()).isEqualTo("DPUGroup");
    assertThat(group.groupItems()).containsExactly("a", "b", "d");
    assertThat(group.ready().lastTransitionTime()).isEqualTo(T.minusSeconds(30));
    assertThat(group.ready().message()).isEmpty();
  }

  @Test
  void aSingleReadyObjectIsNotAGroupAndGroupingCanBeTurnedOff() {
    ObjectTree tree = tree(true);
    TreeNode header = tree.addWithHeader(tree.root(), List.of(node("DPU", "a", "True", "Ready", T)), "DPU",
        AddOptions.GROUPING);
    assertThat(tree.children(header)).extracting(TreeNode::name).containsExactly("a");

    ObjectTree off = tree(false);
    TreeNode offHeader = off.addWithHeader(off.root(), List.of(node("DPU", "a", "True", "Ready", T),
        node("DPU", "b", "True", "Ready", T)), "DPU", AddOptions.GROUPING);
    assertThat(off.children(offHeader)).extracting(TreeNode::name).containsExactly("a", "b");
  }

  @Test
  void objectsWithNotReadyChildrenStayVisible() {
    ObjectTree tree = tree(true);
    TreeNode a = node("DPUService", "a", "True", "Success", T);
    TreeNode b = node("DPUService", "b", "True", "Success", T);
    TreeNode c = node("DPUService", "c", "True", "Success", T);
    tree.add(b, node("Application", "app-b", "False", "Degraded", T));
    // a child without Ready but with a False condition counts as not ready, too
    TreeNode d = node("DPUService", "d", "True", "Success", T);
    TreeNode dChild = TreeNode.virtual("ns", "X", "x");
    dChild.setConditions(List.of(new Cond("Something", "False", "Bad", "", T)));
    tree.add(d, dChild);
    TreeNode header = tree.addWithHeader(tree.root(), List.of(a, b, c, d), "DPUService", AddOptions.GROUPING);
    assertThat(tree.orderedChildren(header)).extracting(RowNames::plain)
        .containsExactly("2 DPUServices...", "b", "d");
  }

  @Test
  void headersAreOnlyAddedWithChildren() {
    ObjectTree tree = tree(true);
    assertThat(tree.addWithHeader(tree.root(), List.of(), "DPU", AddOptions.GROUPING)).isNull();
    assertThat(tree.hasChildren(tree.root())).isFalse();
  }
}
