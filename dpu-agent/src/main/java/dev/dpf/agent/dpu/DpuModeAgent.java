package dev.dpf.agent.dpu;

import dev.dpf.agent.ovs.Ovs;
import dev.dpf.agent.ovs.OvsClient;
import dev.dpf.agent.ovs.OvsSettings;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.runtime.Operators;
import dev.dpf.common.status.StatusConditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent's DPU mode (upstream sfc-controller): programs this DPU node's ServiceInterfaces as ports and its
 * ServiceChains as flows on the OVS bridge br-sfc, removes stale flows and ports every minute, and re-programs
 * everything after ovs-vswitchd or ovsdb-server restarts. See docs/controllers/dpu-agent-ovs.md.
 *
 * <p>Use from a main program:
 * <pre>{@code
 * DpuModeAgent agent = new DpuModeAgent(dpuClusterClient, System.getenv("SFC_NODE_NAME"), OvsSettings.defaults());
 * agent.start();                                  // returns once the informer caches are synced
 * Runtime.getRuntime().addShutdownHook(new Thread(agent::close));
 * }</pre>
 * {@link #healthy()} is suitable for a readiness probe. The agent runs one JOSDK operator of its own on the given
 * client (no leader election: one agent per node); it does not close the client.
 */
public final class DpuModeAgent implements AutoCloseable {

  /** Component name of the events the agent records. */
  public static final String COMPONENT = "sfc-controller";

  private static final Logger LOG = LoggerFactory.getLogger(DpuModeAgent.class);

  private final KubernetesClient client;
  private final String node;
  private final Ovs ovs;
  private final boolean ownsOvs;
  private final AgentConfig config;
  private final Clock clock;
  private final Metrics metrics;
  private final OvsTriggers triggers = new OvsTriggers();
  private Operator operator;
  private boolean ownsOperator;
  private AutoCloseable watch;
  private ScheduledExecutorService sweeps;
  private ServiceInterfaceReconciler interfaces;
  private ServiceChainReconciler chains;

  /**
   * @param dpuClient a client of the DPU cluster (where ServiceInterfaces and ServiceChains live)
   * @param nodeName this DPU node's name ({@code SFC_NODE_NAME}); only objects with this {@code spec.node} are handled
   * @param ovs where ovsdb-server and the bridges' management sockets are
   */
  public DpuModeAgent(KubernetesClient dpuClient, String nodeName, OvsSettings ovs) {
    this(dpuClient, nodeName, ovs, AgentConfig.defaults());
  }

  public DpuModeAgent(KubernetesClient dpuClient, String nodeName, OvsSettings ovs, AgentConfig config) {
    this(dpuClient, nodeName, new OvsClient(ovs), true, config, Clock.systemUTC(), Metrics.NOOP);
  }

  /** With an {@link Ovs} of the caller's (not closed by the agent), a clock and JOSDK metrics. */
  public DpuModeAgent(KubernetesClient dpuClient, String nodeName, Ovs ovs, AgentConfig config, Clock clock,
      Metrics metrics) {
    this(dpuClient, nodeName, ovs, false, config, clock, metrics);
  }

  private DpuModeAgent(KubernetesClient client, String node, Ovs ovs, boolean ownsOvs, AgentConfig config,
      Clock clock, Metrics metrics) {
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException("the node name (SFC_NODE_NAME) is not set");
    }
    this.client = client;
    this.node = node;
    this.ovs = ovs;
    this.ownsOvs = ownsOvs;
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Starts the controllers on an operator of its own (waits for the caches), the OVS watch and the sweep. */
  public synchronized void start() {
    if (operator != null) {
      throw new IllegalStateException("already started");
    }
    Operator own = Operators.create(client, metrics, o -> {});
    attach(own);
    own.start();
    operator = own;
    ownsOperator = true;
  }

  /**
   * Registers the controllers with {@code host} (not yet started; the caller starts it) and starts the OVS watch
   * and the periodic stale removal: how the agent main program runs the DPU mode next to its other components.
   */
  public synchronized void attach(Operator host) {
    if (interfaces != null) {
      throw new IllegalStateException("already attached");
    }
    StatusConditions conditions = new StatusConditions(clock);
    EventRecorder events = new EventRecorder(client, COMPONENT, clock);
    interfaces = new ServiceInterfaceReconciler(node, config, ovs, conditions, events, triggers);
    chains = new ServiceChainReconciler(node, config, ovs, conditions, events, triggers);
    host.register(interfaces, o -> configure(o, interfaces::accepts));
    host.register(chains, o -> configure(o, chains::accepts));
    operator = host;
    watch = ovs.watch(config.bridge(), triggers);
    sweeps = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sfc-stale-sweep");
      t.setDaemon(true);
      return t;
    });
    StaleSweeper sweeper = new StaleSweeper(ovs, config, chains::chains, interfaces::interfaces);
    long period = config.staleRemovalPeriod().toMillis();
    sweeps.scheduleWithFixedDelay(sweeper, period, period, TimeUnit.MILLISECONDS);
    LOG.atInfo().addKeyValue("node", node).addKeyValue("bridge", config.bridge()).log("DPU mode agent started");
  }

  private <P extends HasMetadata> void configure(ControllerConfigurationOverrider<P> o, Predicate<P> accepts) {
    if (config.watchNamespaces().isEmpty()) {
      o.watchingAllNamespaces();
    } else {
      o.settingNamespaces(config.watchNamespaces());
    }
    o.withGenericFilter(accepts::test);
    o.withReconciliationMaxInterval(config.resyncPeriod());
  }

  /** Whether the agent is started and connected to both ovsdb-server and ovs-vswitchd. */
  public boolean healthy() {
    return operator != null && triggers.connected();
  }

  /** Runs the stale flow and port removal now (tests, or an operator's request). */
  public void sweepNow() {
    new StaleSweeper(ovs, config, chains::chains, interfaces::interfaces).run();
  }

  @Override
  public synchronized void close() {
    if (sweeps != null) {
      sweeps.shutdownNow();
    }
    if (watch != null) {
      try {
        watch.close();
      } catch (Exception e) {
        // closing anyway
      }
    }
    triggers.close();
    if (operator != null && ownsOperator) {
      operator.stop();
    }
    if (ownsOvs) {
      ovs.close();
    }
  }
}
