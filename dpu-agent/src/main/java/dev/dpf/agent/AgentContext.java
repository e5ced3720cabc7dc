package dev.dpf.agent;

import dev.dpf.common.runtime.StopList;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.status.StatusConditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What an {@link AgentMode} gets to register its controllers: the operator, the client, options and helpers. */
public final class AgentContext implements AutoCloseable {

  private final Operator operator;
  private final KubernetesClient client;
  private final AgentOptions options;
  private final Clock clock;
  private final StatusConditions conditions;
  private final Map<String, EventRecorder> recorders = new ConcurrentHashMap<>();
  private final StopList stopList = new StopList();

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
  public void onStop(AutoCloseable closeable) {
    stopList.add(closeable);
  }

  @Override
  public void close() {
    stopList.close();
  }
}
