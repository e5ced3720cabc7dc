package dev.dpf.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OperatorContextSeamsTest {

  interface Endpoints {
    String address(String dpu);
  }

  private final OperatorContext context = new OperatorContext(null, null, OperatorSettings.defaults(),
      Clock.systemUTC(), new SimpleMeterRegistry());

  @Test
  void productionImplementationUnlessOneIsProvided() {
    AtomicInteger productionBuilt = new AtomicInteger();
    Endpoints production = dpu -> "pod-ip:9339";
    assertThat(context.seam(Endpoints.class, () -> {
      productionBuilt.incrementAndGet();
      return production;
    }).address("d")).isEqualTo("pod-ip:9339");
    assertThat(productionBuilt).hasValue(1);

    context.provide(Endpoints.class, dpu -> "127.0.0.1:4242");
    assertThat(context.seam(Endpoints.class, () -> {
      productionBuilt.incrementAndGet();
      return production;
    }).address("d")).isEqualTo("127.0.0.1:4242");
    assertThat(productionBuilt).as("the production implementation is not built when one is provided").hasValue(1);
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> context.provide(Endpoints.class, null)).isInstanceOf(NullPointerException.class);
  }
}
