package dev.dpf.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

  @Test
  void publishesChangesOnceAndSettles() {
    RuntimeSettings settings = new RuntimeSettings();
    List<DpfRuntimeConfig> seen = new ArrayList<>();
    settings.onChange(seen::add);
    settings.onChange(c -> {
      throw new IllegalStateException("a broken listener does not stop the others");
    });
    assertThat(settings.settled()).isFalse();
    assertThat(settings.current()).isEqualTo(DpfRuntimeConfig.defaults());

    // the first publication settles and notifies even when it equals the defaults
    assertThat(settings.publish(DpfRuntimeConfig.defaults())).isTrue();
    assertThat(settings.settled()).isTrue();
    assertThat(settings.publish(DpfRuntimeConfig.defaults())).isFalse();

    DpfRuntimeConfig next = new DpfRuntimeConfig("ns/c", Set.of(), Map.of(), "bfb-pvc", 300, List.of("s"), 1500,
        9000, true, "ns");
    assertThat(settings.publish(next)).isTrue();
    assertThat(settings.current()).isSameAs(next);
    assertThat(settings.current().staticClusterManagerEnabled()).isTrue();
    assertThat(settings.current().describe()).isEqualTo("DPFOperatorConfig ns/c");
    assertThat(seen).containsExactly(DpfRuntimeConfig.defaults(), next);
  }
}
