package dev.dpf.dpuservice.dpuservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node-selector semantics used by config-port endpoints and the dpu-ready taint. */
class NodeSelectorsTest {

  @Test
  void termsAreOredAndRequirementsAnded() {
    NodeSelector selector = new NodeSelectorBuilder()
        .addNewNodeSelectorTerm()
          .addNewMatchExpression().withKey("bfb").withOperator("In").withValues("dk").endMatchExpression()
          .addNewMatchExpression().withKey("zone").withOperator("Exists").endMatchExpression()
        .endNodeSelectorTerm()
        .addNewNodeSelectorTerm()
          .addNewMatchField().withKey("metadata.name").withOperator("In").withValues("dpu-7").endMatchField()
        .endNodeSelectorTerm()
        .build();
    assertThat(NodeSelectors.matches(selector, "dpu-1", Map.of("bfb", "dk", "zone", "a"))).isTrue();
    assertThat(NodeSelectors.matches(selector, "dpu-1", Map.of("bfb", "dk"))).isFalse();
    assertThat(NodeSelectors.matches(selector, "dpu-7", Map.of())).isTrue();
    assertThat(NodeSelectors.matches(null, "any", null)).isTrue();
  }

  @Test
  void operators() {
    NodeSelector notIn = selector("x", "NotIn", "1");
    assertThat(NodeSelectors.matches(notIn, "n", Map.of())).isTrue();
    assertThat(NodeSelectors.matches(notIn, "n", Map.of("x", "1"))).isFalse();
    assertThat(NodeSelectors.matches(selector("x", "DoesNotExist"), "n", Map.of("x", "1"))).isFalse();
    assertThat(NodeSelectors.matches(selector("x", "Gt", "5"), "n", Map.of("x", "6"))).isTrue();
    assertThat(NodeSelectors.matches(selector("x", "Lt", "5"), "n", Map.of("x", "6"))).isFalse();
    assertThat(NodeSelectors.matches(selector("x", "Gt", "5"), "n", Map.of("x", "abc"))).isFalse();
  }

  @Test
  void emptyTermMatchesNothing() {
    assertThat(NodeSelectors.matches(new NodeSelectorBuilder().addNewNodeSelectorTerm().endNodeSelectorTerm()
        .build(), "n", Map.of("a", "b"))).isFalse();
  }

  private static NodeSelector selector(String key, String op, String... values) {
    return new NodeSelectorBuilder().addNewNodeSelectorTerm().addNewMatchExpression().withKey(key).withOperator(op)
        .withValues(values).endMatchExpression().endNodeSelectorTerm().build();
  }
}
