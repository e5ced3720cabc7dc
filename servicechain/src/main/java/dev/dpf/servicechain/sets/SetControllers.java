package dev.dpf.servicechain.sets;

import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.cluster.DpuClusterComponent;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.runtime.Operators;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.servicechain.podipam.PodIpamReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.retry.Retry;
import java.time.Clock;
import java.util.Collection;
import java.util.Set;

/**
 * Runs the ServiceInterfaceSet and ServiceChainSet controllers and the pod IPAM injector against each Ready DPU cluster: one JOSDK operator
 * per cluster, bound to that cluster's admin client, started when the cluster becomes Ready and stopped when it
 * stops being Ready or goes away. Upstream runs these controllers inside the DPU cluster (the
 * {@code servicechainset-controller} DPUService); here they run in the host operator, so no image is needed in DPU
 * clusters (see docs/controllers/servicechain.md for the trade-off). Events are recorded in the DPU cluster with
 * component {@value #COMPONENT}.
 */
public final class SetControllers implements DpuClusterComponent {

  public static final String COMPONENT = "servicechainset-controller";

  private final Set<String> namespaces;
  private final Clock clock;
  private final Retry retry;

  /**
   * @param namespaces namespaces watched in DPU clusters (the operator's watched namespaces; empty = all)
   */
  public SetControllers(Collection<String> namespaces, Clock clock, Retry retry) {
    this.namespaces = Set.copyOf(namespaces);
    this.clock = clock;
    this.retry = retry;
  }

  @Override
  public String name() {
    return COMPONENT;
  }

  @Override
  public AutoCloseable start(ClusterRef cluster, KubernetesClient dpu) {
    Operator operator = Operators.create(dpu, Metrics.NOOP, o -> {});
    StatusConditions conditions = new StatusConditions(clock);
    EventRecorder events = new EventRecorder(dpu, COMPONENT, clock);
    operator.register(new ServiceInterfaceSetReconciler(conditions, events), this::configure);
    operator.register(new ServiceChainSetReconciler(conditions, events), this::configure);
    operator.register(new PodIpamReconciler(events), o -> {
      configure(o);
      o.withGenericFilter(PodIpamReconciler::requestsNetworks);
    });
    try {
      operator.start();
    } catch (RuntimeException e) {
      operator.stop();
      throw e;
    }
    return operator::stop;
  }

  private <R extends io.fabric8.kubernetes.api.model.HasMetadata> void configure(
      ControllerConfigurationOverrider<R> override) {
    if (!namespaces.isEmpty()) {
      override.settingNamespaces(namespaces);
    }
    override.withRetry(retry);
  }
}
