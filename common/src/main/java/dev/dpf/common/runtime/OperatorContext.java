package dev.dpf.common.runtime;

import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.cluster.DpuClusterRuntime;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.status.StatusConditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a {@link ControllerModule} gets to register its controllers: the operator, clients and shared helpers. */
public final class OperatorContext implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorContext.class);

  private final Operator operator;
  private final KubernetesClient client;
  private final OperatorSettings settings;
  private final Clock clock;
  private final MeterRegistry meters;
  private final DpuClusterClients dpuClusters;
  private final StatusConditions conditions;
  private final RuntimeSettings runtimeSettings = new RuntimeSettings();
  private DpuClusterRuntime dpuClusterRuntime;
  private final Map<String, EventRecorder> recorders = new ConcurrentHashMap<>();
  private final StopList stopList = new StopList();
  private final Map<Class<?>, Object> seams = new ConcurrentHashMap<>();

  public OperatorContext(Operator operator, KubernetesClient client, OperatorSettings settings, Clock clock,
      MeterRegistry meters) {
    this.operator = operator;
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.meters = meters;
    this.dpuClusters = new DpuClusterClients(client, clock);
    this.conditions = new StatusConditions(clock);
    stopList.add(dpuClusters);
  }

  public Operator operator() {
    return operator;
  }

  public KubernetesClient client() {
    return client;
  }

  public OperatorSettings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public MeterRegistry meters() {
    return meters;
  }

  public DpuClusterClients dpuClusters() {
    return dpuClusters;
  }

  public StatusConditions conditions() {
    return conditions;
  }

  /**
   * The DPFOperatorConfig's run-time settings (component switches, DMS timeout, BFB PVC, MTUs, pull secrets), kept
   * current by the DPFOperatorConfig controller; see {@link RuntimeSettings}.
   */
  public RuntimeSettings runtimeSettings() {
    return runtimeSettings;
  }

  /**
   * Runs components against every Ready DPU cluster (created and registered as a controller on first use; add
   * components during registration).
   */
  public synchronized DpuClusterRuntime dpuClusterRuntime() {
    if (dpuClusterRuntime == null) {
      dpuClusterRuntime = new DpuClusterRuntime(dpuClusters);
      register(dpuClusterRuntime);
      stopList.add(dpuClusterRuntime);
    }
    return dpuClusterRuntime;
  }

  /** The event recorder of a component (the event's {@code source.component}). */
  public EventRecorder events(String component) {
    return recorders.computeIfAbsent(component, c -> new EventRecorder(client, c, clock));
  }

  /**
   * Replaces the production implementation of a hardware seam (e.g. the DMS endpoints or host operations of the
   * provisioning controller) for this operator: the demo and tests point the seams at simulators. Call it before
   * the modules that read the seam register (e.g. from a module placed first in the module list).
   */
  public <T> void provide(Class<T> type, T implementation) {
    seams.put(type, type.cast(Objects.requireNonNull(implementation)));
  }

  /**
   * The implementation of a hardware seam: the one {@link #provide provided} for this operator, else
   * {@code production} (called once per lookup; the production main provides nothing).
   */
  public <T> T seam(Class<T> type, Supplier<? extends T> production) {
    Object provided = seams.get(type);
    return provided != null ? type.cast(provided) : production.get();
  }

  /**
   * Registers a reconciler with the common overrides (watched namespaces, the maximum reconcile interval) plus
   * {@code extra}.
   */
  public <P extends HasMetadata> void register(Reconciler<P> reconciler,
      Consumer<ControllerConfigurationOverrider<P>> extra) {
    operator.register(reconciler, override -> {
      if (!settings.watchNamespaces().isEmpty()) {
        override.settingNamespaces(settings.watchNamespaces());
      }
      if (settings.maxReconcileInterval() != null) {
        // the drift safety net for every controller (JOSDK's own default is 10 hours)
        override.withReconciliationMaxInterval(settings.maxReconcileInterval());
      }
      extra.accept(override);
    });
    LOG.atDebug().addKeyValue("reconciler", reconciler.getClass().getSimpleName()).log("registered");
  }

  public <P extends HasMetadata> void register(Reconciler<P> reconciler) {
    register(reconciler, o -> {});
  }

  /** Something to close when the operator stops (executors, watches on DPU clusters, servers). */
  public void onStop(AutoCloseable closeable) {
    stopList.add(closeable);
  }

  @Override
  public void close() {
    stopList.close();
  }
}
