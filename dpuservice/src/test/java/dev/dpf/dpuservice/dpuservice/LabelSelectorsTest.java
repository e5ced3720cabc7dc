package dev.dpf.dpuservice.dpuservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorsTest {

  @Test
  void matchLabelsAndExpressions() {
    var selector = new LabelSelectorBuilder().addToMatchLabels("tier", "a")
        .addNewMatchExpression().withKey("zone").withOperator("NotIn").withValues("z9").endMatchExpression()
        .build();
    assertThat(LabelSelectors.matches(selector, Map.of("tier", "a"))).isTrue();
    assertThat(LabelSelectors.matches(selector, Map.of("tier", "a", "zone", "z9"))).isFalse();
    assertThat(LabelSelectors.matches(selector, Map.of("tier", "b"))).isFalse();
    assertThat(LabelSelectors.matches(null, null)).isTrue();
    assertThat(LabelSelectors.matches(new LabelSelectorBuilder().build(), Map.of())).isTrue();
  }
}
