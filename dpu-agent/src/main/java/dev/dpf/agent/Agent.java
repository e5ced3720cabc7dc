package dev.dpf.agent;

import dev.dpf.common.runtime.HealthServer;
import dev.dpf.common.runtime.Operators;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node agent: one JOSDK operator (the production configuration of {@link Operators#create}) with the
 * controllers of one {@link AgentMode}, plus the health endpoint. No leader election: every node runs its own agent,
 * and each agent only touches its own node's objects. Used by {@link AgentMain} and by the tests.
 */
public final class Agent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final Operator operator;
  private final AgentContext context;
  private final HealthServer health;

  private Agent(Operator operator, AgentContext context, HealthServer health) {
    this.operator = operator;
    this.context = context;
    this.health = health;
  }

  /** Registers {@code mode}, starts the operator (waits for the informers to sync) and the health endpoint. */
  public static Agent start(KubernetesClient client, AgentOptions options, AgentMode mode) throws Exception {
    Operator operator = Operators.create(client, Metrics.NOOP, o -> {});
    AgentContext context = new AgentContext(operator, client, options, Clock.systemUTC());
    HealthServer health = null;
    try {
      mode.register(context);
      operator.start();
      if (options.healthBindAddress() != null && !options.healthBindAddress().isEmpty()) {
        health = new HealthServer(options.healthBindAddress(), () -> liveness(operator),
            () -> readiness(operator), null);
      }
    } catch (Exception | Error e) {
      operator.stop();
      context.close();
      throw e;
    }
    LOG.atInfo().addKeyValue("mode", mode.name()).addKeyValue("node", options.nodeName()).log("node agent started");
    return new Agent(operator, context, health);
  }

  public AgentContext context() {
    return context;
  }

  /** Port of the health endpoint (-1 without one). */
  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  static String liveness(Operator operator) {
    return operator.getRuntimeInfo().isStarted() ? null : "not started";
  }

  static String readiness(Operator operator) {
    if (!operator.getRuntimeInfo().isStarted()) {
      return "not started";
    }
    if (!operator.getRuntimeInfo().allEventSourcesAreHealthy()) {
      return "unhealthy event sources: " + operator.getRuntimeInfo().unhealthyEventSources().keySet();
    }
    return null;
  }

  /**
   * Stops the health endpoint, the controllers and the mode's components. The host configuration stays as it is: a
   * restarted or upgraded agent must not cut the DPU off its management network.
   */
  @Override
  public void close() {
    if (health != null) {
      health.close();
    }
    operator.stop();
    context.close();
    LOG.atInfo().log("node agent stopped");
  }
}
