package dev.dpf.common.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Duration;
import java.util.function.Consumer;

/** The JOSDK configuration of the operator, shared by the main program and the controller tests. */
public final class Operators {

  private Operators() {}

  /**
   * A JOSDK operator on {@code client}: server-side apply for primary-resource patches (finalizers, status), the
   * caller owns the client, and informer errors at start-up do not stop the process (a missing optional CRD must not
   * take the operator down).
   */
  public static Operator create(KubernetesClient client, Metrics metrics, Consumer<ConfigurationServiceOverrider> extra) {
    return new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withMetrics(metrics)
          .withStopOnInformerErrorDuringStartup(false)
          .withCacheSyncTimeout(Duration.ofMinutes(2))
          .withReconciliationTerminationTimeout(Duration.ofSeconds(20));
      extra.accept(o);
    });
  }
}
