package dev.dpf.operator;

import dev.dpf.common.runtime.HealthServer;
import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.common.runtime.OperatorSettings;
import dev.dpf.common.runtime.Operators;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: JOSDK with every controller module registered, leader election on a Lease, Prometheus
 * metrics and health endpoints.
 */
public final class DpfOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DpfOperator.class);

  /** Options of one operator process. */
  public record Options(
      OperatorSettings settings,
      boolean leaderElection,
      String leaseName,
      String identity,
      boolean exitOnLostLeadership,
      String metricsBindAddress,
      String healthBindAddress,
      List<ControllerModule> modules) {}

  /** An informer may be unhealthy this long (start-up sync, API server restart) before the process is not live. */
  static final Duration LIVENESS_GRACE = Duration.ofSeconds(60);

  private final Operator operator;
  private final OperatorContext context;
  private final PrometheusMeterRegistry registry;
  private final HealthServer health;
  private final HealthServer metrics;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private DpfOperator(Operator operator, OperatorContext context, PrometheusMeterRegistry registry,
      HealthServer health, HealthServer metrics) {
    this.operator = operator;
    this.context = context;
    this.registry = registry;
    this.health = health;
    this.metrics = metrics;
  }

  /** Registers every module, starts JOSDK (waiting for leadership when leader election is on) and the servers. */
  public static DpfOperator start(KubernetesClient client, Options options) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    AtomicBoolean leading = new AtomicBoolean(!options.leaderElection());
    Operator operator = Operators.create(client, MicrometerMetrics.newMicrometerMetricsBuilder(registry).build(), o -> {
      if (options.leaderElection()) {
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
            options.leaseName(), options.settings().operatorNamespace(),
            LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
            LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
            LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
            options.identity(), new LeaderCallbacks(() -> leading.set(true), () -> leading.set(false), id -> { }),
            options.exitOnLostLeadership()));
      }
    });
    OperatorContext context = new OperatorContext(operator, client, options.settings(), Clock.systemUTC(), registry);
    for (ControllerModule module : options.modules()) {
      module.register(context);
      LOG.atInfo().addKeyValue("module", module.name()).log("controllers registered");
    }
    operator.start();
    AtomicLong unhealthySince = new AtomicLong();
    HealthServer health = new HealthServer(options.healthBindAddress(), () -> liveness(operator, leading, unhealthySince),
        () -> readiness(operator, leading), null);
    HealthServer metrics = new HealthServer(options.metricsBindAddress(), null, null, registry::scrape);
    DpfOperator running = new DpfOperator(operator, context, registry, health, metrics);
    LOG.atInfo().addKeyValue("health", health.port()).addKeyValue("metrics", metrics.port())
        .addKeyValue("leaderElection", options.leaderElection()).log("operator started");
    return running;
  }

  /**
   * Live unless a started controller has an informer that lost its watch. A standby (not leader) runs no
   * informers and is live.
   */
  private static String liveness(Operator operator, AtomicBoolean leading, AtomicLong unhealthySince) {
    if (!leading.get()) {
      unhealthySince.set(0);
      return null;
    }
    String unhealthy = unhealthyInformers(operator);
    if (unhealthy == null) {
      unhealthySince.set(0);
      return null;
    }
    long now = System.nanoTime();
    unhealthySince.compareAndSet(0, now);
    if (now - unhealthySince.get() < LIVENESS_GRACE.toNanos()) {
      return null;
    }
    return "informers unhealthy for more than " + LIVENESS_GRACE.toSeconds() + "s: " + unhealthy;
  }

  /** Ready when leading with every controller's informers synced; a standby is not ready (it serves nothing). */
  private static String readiness(Operator operator, AtomicBoolean leading) {
    if (!leading.get()) {
      return "not the leader";
    }
    String unhealthy = unhealthyInformers(operator);
    return unhealthy == null ? null : "informers not synced: " + unhealthy;
  }

  /** The unhealthy informers as "controller/source[namespace]", or null when all are healthy. */
  private static String unhealthyInformers(Operator operator) {
    StringBuilder out = new StringBuilder();
    operator.getRuntimeInfo().unhealthyInformerWrappingEventSourceHealthIndicator().forEach((controller, sources) ->
        sources.forEach((name, indicator) -> {
          Map<String, InformerHealthIndicator> informers = indicator.informerHealthIndicators();
          informers.forEach((namespace, health) -> {
            if (health.getStatus() != Status.HEALTHY) {
              out.append(out.length() == 0 ? "" : ", ").append(controller).append('/').append(name).append('[')
                  .append(namespace).append(']');
            }
          });
        }));
    return out.length() == 0 ? null : out.toString();
  }

  public Operator operator() {
    return operator;
  }

  public OperatorContext context() {
    return context;
  }

  public int healthPort() {
    return health.port();
  }

  public int metricsPort() {
    return metrics.port();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    LOG.info("operator stopping");
    operator.stop();
    context.close();
    health.close();
    metrics.close();
    registry.close();
  }
}
