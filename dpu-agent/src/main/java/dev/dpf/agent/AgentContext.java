package dev.dpf.agent;

import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.status.StatusConditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an {@link AgentMode} gets to register its controllers: the operator, the client, options and helpers. */
public final class AgentContext implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AgentContext.class);

  private final Operator operator;
  private final KubernetesClient client;
  private final AgentOptions options;
  private final Clock clock;
  private final StatusConditions conditions;
  private final Map<String, EventRecorder> recorders = new ConcurrentHashMap<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  public AgentContext(Operator operator, KubernetesClient client, AgentOptions options, Clock clock) {
    this.operator = operator;
    this.client = client;
    this.options = options;
    this.clock = clock;
    this.conditions = new StatusConditions(clock);
  }

  public Operator operator() {
    return operator;
  }

  public KubernetesClient client() {
    return client;
  }

  public AgentOptions options() {
    return options;
  }

  public Clock clock() {
    return clock;
  }

  public StatusConditions conditions() {
    return conditions;
  }

  /** The event recorder of a component (the event's {@code source.component}). */
  public EventRecorder events(String component) {
    return recorders.computeIfAbsent(component, c -> new EventRecorder(client, c, clock));
  }

  /** Something to close when the agent stops (monitors, executors). */
  public synchronized void onStop(AutoCloseable closeable) {
    closeables.add(closeable);
  }

  @Override
  public synchronized void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.atWarn().addKeyValue("error", e.toString()).log("error while stopping a component");
      }
    }
    closeables.clear();
  }
}
