package dev.dpf.common.testing;

import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.common.runtime.OperatorSettings;
import dev.dpf.common.runtime.Operators;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs real reconcilers in the test JVM against the real control plane, configured as in production
 * ({@link Operators#create}), watching the test's namespace. With {@code -Ddpf.test.rbac=chart} the controllers run
 * as the Helm chart's ServiceAccount with exactly the chart's ClusterRole ({@link ChartRbac}).
 */
public final class ControllerHarness implements AutoCloseable {

  private final Operator operator;
  private final OperatorContext context;
  private final KubernetesClient client;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private ControllerHarness(KubeTestContext kube, UnaryOperator<OperatorSettings> settings,
      Consumer<OperatorContext> register, Clock clock) {
    this.client = ChartRbac.enabled() ? ChartRbac.impersonatingClient(kube) : kube.host().newClient(null);
    this.operator = Operators.create(client, MicrometerMetrics.withoutPerResourceMetrics(meters), o -> {});
    OperatorSettings base = OperatorSettings.defaults()
        .withOperatorNamespace(kube.namespace())
        .withWatchNamespaces(Set.of(kube.namespace()))
        .withBfbDir(tempDir());
    this.context = new OperatorContext(operator, client, settings.apply(base), clock, meters);
    register.accept(context);
    operator.start();
  }

  /** Registers what {@code register} registers and starts the operator. */
  public static ControllerHarness start(KubeTestContext kube, Consumer<OperatorContext> register) {
    return new ControllerHarness(kube, s -> s, register, Clock.systemUTC());
  }

  public static ControllerHarness start(KubeTestContext kube, UnaryOperator<OperatorSettings> settings,
      Consumer<OperatorContext> register) {
    return new ControllerHarness(kube, settings, register, Clock.systemUTC());
  }

  public OperatorContext context() {
    return context;
  }

  public SimpleMeterRegistry meters() {
    return meters;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("dpf-bfb-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    operator.stop();
    context.close();
    client.close();
  }
}
