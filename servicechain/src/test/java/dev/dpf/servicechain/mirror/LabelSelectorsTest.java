package dev.dpf.servicechain.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorsTest {

  @Test
  void absentOrEmptySelectorMatchesEverything() {
    assertThat(LabelSelectors.matches(null, Map.of())).isTrue();
    assertThat(LabelSelectors.matches(new LabelSelector(), null)).isTrue();
  }

  @Test
  void matchLabelsAndExpressions() {
    LabelSelector s = new LabelSelectorBuilder().addToMatchLabels("bfb", "dk")
        .addNewMatchExpression().withKey("zone").withOperator("In").withValues("a", "b").endMatchExpression()
        .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("x").endMatchExpression()
        .addNewMatchExpression().withKey("ready").withOperator("Exists").endMatchExpression()
        .addNewMatchExpression().withKey("off").withOperator("DoesNotExist").endMatchExpression()
        .build();
    assertThat(LabelSelectors.matches(s, Map.of("bfb", "dk", "zone", "a", "ready", ""))).isTrue();
    assertThat(LabelSelectors.matches(s, Map.of("bfb", "dk", "zone", "a", "ready", "", "tier", "y"))).isTrue();
    assertThat(LabelSelectors.matches(s, Map.of("bfb", "dk", "zone", "c", "ready", ""))).isFalse();
    assertThat(LabelSelectors.matches(s, Map.of("bfb", "dk", "zone", "a", "ready", "", "tier", "x"))).isFalse();
    assertThat(LabelSelectors.matches(s, Map.of("bfb", "dk", "zone", "a"))).isFalse();
    assertThat(LabelSelectors.matches(s, Map.of("bfb", "dk", "zone", "a", "ready", "", "off", "1"))).isFalse();
    assertThat(LabelSelectors.matches(s, Map.of("bfb", "other", "zone", "a", "ready", ""))).isFalse();
  }

  @Test
  void invalidOperatorsAreErrors() {
    assertThatThrownBy(() -> LabelSelectors.matches(new LabelSelectorBuilder().addNewMatchExpression()
        .withKey("k").withOperator("Gt").withValues("1").endMatchExpression().build(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid label selector operator");
    assertThatThrownBy(() -> LabelSelectors.matches(new LabelSelectorBuilder().addNewMatchExpression()
        .withKey("k").withOperator("In").endMatchExpression().build(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values must be non-empty");
  }
}
