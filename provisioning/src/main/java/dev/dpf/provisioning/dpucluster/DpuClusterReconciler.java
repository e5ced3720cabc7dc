package dev.dpf.provisioning.dpucluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterStatus;
import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.cluster.DpuClusterRuntime;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioning controller's DPUCluster (health) controller (reference 3.5), for every DPUCluster whatever its
 * type. It owns {@code status.phase}, {@code status.version} and the {@code Ready} condition; the cluster managers own
 * the other conditions.
 *
 * <ul>
 *   <li>finalizer {@code provisioning.dpu.nvidia.com/cluster-manager-internal-clean-up}; on deletion the cached DPU
 *       cluster client and health results are dropped (no kubeconfig file exists: join data is made through the API);
 *   <li>{@code Pending} → {@code Creating};
 *   <li>when every manager condition is True and {@code Created} exists and is True: health check = {@code GET
 *       /version} through the admin kubeconfig; success → {@code Ready=True/HealthCheckPassed}, phase {@code Ready};
 *       failure → {@code Ready=False/HealthCheckFailed} with the error, phase {@code NotReady};
 *   <li>otherwise {@code Ready}/{@code NotReady} become {@code NotReady} and other phases stay.
 * </ul>
 *
 * Health is event-driven (DPUCluster and Secret changes reach this controller through the managers' conditions). The
 * only timer is the drift net: an unreachable API server emits no event, so a Ready cluster is checked again every
 * {@code recheck} (60 s in production), and a failing one with back-off from 5 s up to {@code recheck}. Checks run
 * in the background ({@link ClusterChecks}), never on the reconcile thread.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"},
    verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters/status", "dpuclusters/finalizers"},
    verbs = {"get", "update", "patch"})
@ControllerConfiguration(name = "dpucluster", finalizerName = DPUCluster.FINALIZER_CLUSTER_MANAGER_INTERNAL_CLEAN_UP,
    fieldManager = "dpucluster-controller", generationAwareEventProcessing = false)
public class DpuClusterReconciler implements Reconciler<DPUCluster>, Cleaner<DPUCluster> {

  /** The condition types this controller writes. */
  static final List<String> OWNED = List.of(DPUCluster.CONDITION_READY);

  static final String EVENT_HEALTH_CHECK_PASSED = "HealthCheckPassed";
  static final String EVENT_HEALTH_CHECK_FAILED = "HealthCheckFailed";

  private static final Duration FAILURE_BASE = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(DpuClusterReconciler.class);

  private final DpuClusterClients clients;
  private final ClusterChecks checks;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final Duration recheck;
  private final SimpleInboundEventSource<DPUCluster> checkEvents = new SimpleInboundEventSource<>("dpucluster-health");

  /**
   * @param recheck how long a passed health check counts (the drift net against API servers that stop answering)
   */
  DpuClusterReconciler(DpuClusterClients clients, ClusterChecks checks, StatusConditions conditions,
      EventRecorder events, Duration recheck) {
    this.clients = clients;
    this.checks = checks;
    this.conditions = conditions;
    this.events = events;
    this.recheck = recheck;
    checks.onDone(checkEvents::propagateEvent);
  }

  @Override
  public List<EventSource<?, DPUCluster>> prepareEventSources(EventSourceContext<DPUCluster> context) {
    return List.of(checkEvents);
  }

  @Override
  public UpdateControl<DPUCluster> reconcile(DPUCluster cluster, Context<DPUCluster> context) {
    JsonNode before = Statuses.snapshot(cluster.getStatus());
    Optional<Condition> readyBefore = StatusConditions.find(cluster.getStatus(), DPUCluster.CONDITION_READY);
    DPUClusterPhase phase = cluster.effectivePhase();
    DPUClusterStatus status = cluster.getStatus() == null ? new DPUClusterStatus() : Statuses.copy(cluster.getStatus());
    cluster.setStatus(status);
    status.setPhase(phase);
    if (phase == DPUClusterPhase.PENDING) {
      status.setPhase(DPUClusterPhase.CREATING);
      return Statuses.update(cluster, before, OWNED);
    }
    Long generation = cluster.getMetadata().getGeneration();
    String key = DpuClusterRuntime.ref(cluster).key();
    List<String> notReady = managerConditionsNotTrue(status);
    Duration reschedule = null;
    if (notReady.isEmpty()) {
      reschedule = healthCheck(cluster, status, key);
    } else {
      checks.forget(key);
      if (phase == DPUClusterPhase.READY || phase == DPUClusterPhase.NOT_READY) {
        status.setPhase(DPUClusterPhase.NOT_READY);
      }
      conditions.set(status, DPUCluster.CONDITION_READY, Conditions.FALSE, Conditions.REASON_PENDING,
          "The following conditions are not ready: " + String.join(", ", notReady), generation);
    }
    recordTransition(cluster, readyBefore, phase);
    UpdateControl<DPUCluster> control = Statuses.update(cluster, before, OWNED);
    return reschedule == null ? control : control.rescheduleAfter(reschedule);
  }

  /** Manager conditions (all but Ready) that are not True; Created counts as not True when absent. */
  static List<String> managerConditionsNotTrue(DPUClusterStatus status) {
    List<String> notReady = new ArrayList<>();
    boolean created = false;
    for (Condition c : status.conditions()) {
      if (DPUCluster.CONDITION_READY.equals(c.getType())) {
        continue;
      }
      if (DPUCluster.CONDITION_CREATED.equals(c.getType())) {
        created = true;
      }
      if (!Conditions.TRUE.equals(c.getStatus())) {
        notReady.add(c.getType());
      }
    }
    if (!created) {
      notReady.add(0, DPUCluster.CONDITION_CREATED);
    }
    return notReady;
  }

  /**
   * Applies the latest health result and starts a new check when it is missing or stale. Returns when to look
   * again, or null when the running check's completion will wake the reconciler.
   */
  private Duration healthCheck(DPUCluster cluster, DPUClusterStatus status, String key) {
    Instant now = conditions.clock().instant();
    Optional<ClusterChecks.Result> latest = checks.latest(key);
    Duration validity = latest.map(this::validity).orElse(Duration.ZERO);
    boolean fresh = latest.isPresent() && latest.get().freshAt(now, validity);
    if (!fresh) {
      DpuClusterClients.ClusterRef ref = DpuClusterRuntime.ref(cluster);
      checks.start(key, ResourceID.fromResource(cluster), () -> probe(ref));
    }
    if (latest.isEmpty()) {
      return null;
    }
    ClusterChecks.Result result = latest.get();
    Long generation = cluster.getMetadata().getGeneration();
    if (result.ok()) {
      status.setPhase(DPUClusterPhase.READY);
      status.setVersion(result.detail());
      conditions.set(status, DPUCluster.CONDITION_READY, Conditions.TRUE, DPUCluster.REASON_HEALTH_CHECK_PASSED, "",
          generation);
    } else {
      status.setPhase(DPUClusterPhase.NOT_READY);
      conditions.set(status, DPUCluster.CONDITION_READY, Conditions.FALSE, DPUCluster.REASON_HEALTH_CHECK_FAILED,
          result.detail(), generation);
    }
    if (!fresh) {
      return null;
    }
    Duration left = Duration.between(now, result.at().plus(validity));
    return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
  }

  private Duration validity(ClusterChecks.Result result) {
    return result.ok() ? recheck : ClusterChecks.backoff(result.failures(), FAILURE_BASE, recheck);
  }

  /** The health check: the DPU cluster's {@code /version} through the admin kubeconfig Secret. */
  private String probe(DpuClusterClients.ClusterRef ref) throws Exception {
    KubernetesClient client = clients.client(ref);
    try {
      return client.getKubernetesVersion().getGitVersion();
    } catch (KubernetesClientException e) {
      throw new Exception("cannot reach the API server at " + clients.endpoint(ref) + ": "
          + ClusterChecks.rootMessage(e), e);
    }
  }

  private void recordTransition(DPUCluster cluster, Optional<Condition> before, DPUClusterPhase phaseBefore) {
    Condition now = StatusConditions.find(cluster.getStatus(), DPUCluster.CONDITION_READY).orElse(null);
    if (now == null) {
      return;
    }
    boolean changed = before.isEmpty() || !Objects.equals(before.get().getStatus(), now.getStatus())
        || !Objects.equals(before.get().getReason(), now.getReason())
        || !Objects.equals(before.get().getMessage(), now.getMessage());
    if (!changed && phaseBefore == cluster.getStatus().getPhase()) {
      return;
    }
    String name = cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName();
    if (phaseBefore != cluster.getStatus().getPhase()) {
      LOG.atInfo().addKeyValue("from", phaseBefore.value()).addKeyValue("to", cluster.getStatus().getPhase().value())
          .addKeyValue("reason", now.getReason()).log("DPU cluster phase changed");
    }
    if (DPUCluster.REASON_HEALTH_CHECK_PASSED.equals(now.getReason()) && phaseBefore != DPUClusterPhase.READY) {
      events.normal(cluster, EVENT_HEALTH_CHECK_PASSED, "DPU cluster " + name + " is ready (Kubernetes "
          + cluster.getStatus().getVersion() + ")");
    } else if (DPUCluster.REASON_HEALTH_CHECK_FAILED.equals(now.getReason()) && changed) {
      events.warning(cluster, EVENT_HEALTH_CHECK_FAILED, "health check of DPU cluster " + name + " failed: "
          + now.getMessage());
    }
  }

  @Override
  public DeleteControl cleanup(DPUCluster cluster, Context<DPUCluster> context) {
    DpuClusterClients.ClusterRef ref = DpuClusterRuntime.ref(cluster);
    checks.forget(ref.key());
    clients.forget(ref);
    return DeleteControl.defaultDelete();
  }
}
