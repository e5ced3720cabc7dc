package dev.dpf.provisioning.dpu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUStatus;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DPU controller: a phase state machine (reference 9) dispatching on {@code status.phase} to one {@link Phase}
 * per phase. Nothing blocks a reconcile thread (installation, host commands and the DMS probe are background tasks
 * that wake the DPU when they report); waiting is an event of a watched object or a computed reschedule.
 *
 * <p>Status: written only when it changed, with server-side apply under field manager {@value #FIELD_MANAGER},
 * carrying only the DPU controller's condition types (the host network agent owns {@code HostNetworkConfigured}).
 * Recoverable failures are retried with exponential back-off; {@code Error} is terminal until the annotation
 * {@value #RETRY_ANNOTATION} restarts the DPU from {@code Initializing}. Deletion runs {@link DeletingPhase} under the
 * finalizer {@code provisioning.dpu.nvidia.com/dpu-protection}.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus"},
    verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus/status", "dpus/finalizers"},
    verbs = {"get", "update", "patch"})
@ControllerConfiguration(name = "dpu", finalizerName = DPU.FINALIZER, fieldManager = DpuReconciler.FIELD_MANAGER,
    generationAwareEventProcessing = false)
public class DpuReconciler implements Reconciler<DPU>, Cleaner<DPU> {

  /** Annotation that restarts a DPU in phase Error from Initializing (an extension; upstream: delete the DPU). */
  public static final String RETRY_ANNOTATION = "provisioning.dpu.nvidia.com/retry";
  public static final String FIELD_MANAGER = "dpu-controller";
  /** The condition types this controller writes (not the agent's HostNetworkConfigured). */
  static final List<String> OWNED_CONDITIONS = DPU.CONDITIONS;

  private static final Logger LOG = LoggerFactory.getLogger(DpuReconciler.class);

  private final DpuServices svc;
  private final Map<DPUPhase, Phase> phases = new EnumMap<>(DPUPhase.class);
  private final DeletingPhase deleting = new DeletingPhase();
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
  /** Per DPU UID: the resourceVersion read before the last successful status write (see {@link #stale}). */
  private final Map<String, String> written = new java.util.concurrent.ConcurrentHashMap<>();

  DpuReconciler(DpuServices svc) {
    this.svc = svc;
    for (Phase phase : List.of(new InitializingPhase(), new NodeEffectPhase(), new PendingPhase(),
        new DmsDeploymentPhase(), new OsInstallingPhase(), new RebootingPhase(), new HostNetworkPhase(),
        new DpuClusterConfigPhase(), new ReadyPhase(), new ErrorPhase())) {
      phases.put(phase.phase(), phase);
    }
    svc.tasks.onEvent(svc.watches::wake);
    svc.clusterNodes.onChange((cluster, node) -> svc.watches.wakeDpuNode(cluster.namespace(), cluster.name(), node));
  }

  @Override
  public List<EventSource<?, DPU>> prepareEventSources(EventSourceContext<DPU> context) {
    return svc.watches.create(context);
  }

  @Override
  public UpdateControl<DPU> reconcile(DPU dpu, Context<DPU> context) {
    if (stale(dpu)) {
      return UpdateControl.<DPU>noUpdate().rescheduleAfter(Step.NEXT_PHASE);
    }
    LOG.atDebug().addKeyValue("dpu", ResourceID.fromResource(dpu)).log("reconcile phase "
        + dpu.effectivePhase().value() + " version " + dpu.getMetadata().getResourceVersion());
    JsonNode before = Statuses.snapshot(dpu.getStatus());
    DpuPass p = pass(dpu);
    svc.conditions.ensure(p.status, List.of(DPU.CONDITION_READY), p.generation());
    DPUPhase phase = p.phase();
    Step step;
    try {
      step = p.annotations().containsKey(RETRY_ANNOTATION) ? retry(p) : handler(phase).handle(p);
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("dpu", p.id()).addKeyValue("phase", phase.value()).setCause(e).log("reconcile failed");
      p.warn(DPU.REASON_ERROR_OCCURED, "phase " + phase.value() + ": " + e.getMessage());
      step = Step.retry();
    }
    if (step.next() != null && step.next() != phase) {
      LOG.atInfo().addKeyValue("dpu", p.id()).addKeyValue("from", phase.value())
          .addKeyValue("to", step.next().value())
          .log("DPU phase changed: " + phase.value() + " -> " + step.next().value());
      p.status.setPhase(step.next());
    }
    if (!writeStatus(context, p, before)) {
      // someone wrote the DPU since it was read: the newer version is on its way (its event)
      return UpdateControl.<DPU>noUpdate().rescheduleAfter(Step.NEXT_PHASE);
    }
    if (p.status.getPhase() != phase) {
      svc.metrics.entered(p.status.getPhase());
      if (p.status.getPhase() == DPUPhase.READY && phase == DPUPhase.DPU_CLUSTER_CONFIG
          && p.dpu.getMetadata().getCreationTimestamp() != null) {
        svc.metrics.provisioned(Duration.between(Instant.parse(p.dpu.getMetadata().getCreationTimestamp()), p.now));
      }
    }
    Duration delay;
    if (step.failed()) {
      delay = backoff.next(p.uid());
    } else {
      backoff.reset(p.uid());
      delay = step.requeue();
    }
    UpdateControl<DPU> control = UpdateControl.noUpdate();
    return delay == null ? control : control.rescheduleAfter(delay);
  }

  @Override
  public DeleteControl cleanup(DPU dpu, Context<DPU> context) {
    if (stale(dpu)) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Step.NEXT_PHASE);
    }
    JsonNode before = Statuses.snapshot(dpu.getStatus());
    DpuPass p = pass(dpu);
    p.status.setPhase(DPUPhase.DELETING);
    DeletingPhase.Result result;
    try {
      result = deleting.handle(p);
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("dpu", p.id()).setCause(e).log("deletion step failed");
      p.warn(DPU.REASON_ERROR_OCCURED, "phase Deleting: " + e.getMessage());
      result = DeletingPhase.Result.retry();
    }
    if (result.done()) {
      backoff.reset(p.uid());
      svc.tasks.cancelAll(p.uid());
      LOG.atInfo().addKeyValue("dpu", p.id()).log("DPU cleaned up; removing the finalizer");
      written.remove(p.uid());
      return DeleteControl.defaultDelete();
    }
    if (!writeStatus(context, p, before)) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Step.NEXT_PHASE);
    }
    Duration delay = result.failed() ? backoff.next(p.uid()) : result.requeue();
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay);
  }

  /** Restarts a DPU in Error from Initializing (the annotation is removed in any phase). */
  private Step retry(DpuPass p) {
    svc.resources.removeAnnotation(p.dpu, RETRY_ANNOTATION);
    if (p.phase() != DPUPhase.ERROR) {
      return handler(p.phase()).handle(p);
    }
    svc.tasks.cancelAll(p.uid());
    // fresh pods: a failed DMS pod, or one serving an old certificate, is replaced
    svc.resources.deletePod(p.namespace(), DpuObjects.dmsPodName(p.dpu));
    svc.resources.deletePod(p.namespace(), DpuObjects.hostNetworkPodName(p.dpu));
    p.status.setInstallation(null);
    p.status.setHostReboot(null);
    if (p.status.getConditions() != null) {
      p.status.getConditions().removeIf(c -> OWNED_CONDITIONS.contains(c.getType()));
    }
    svc.conditions.ensure(p.status, List.of(DPU.CONDITION_READY), p.generation());
    p.normal("Retry", "Provisioning the DPU again (annotation " + RETRY_ANNOTATION + ")");
    return Step.next(DPUPhase.INITIALIZING);
  }

  private Phase handler(DPUPhase phase) {
    return phases.getOrDefault(phase, phases.get(DPUPhase.INITIALIZING));
  }

  private DpuPass pass(DPU dpu) {
    DPUStatus status = dpu.getStatus() == null ? new DPUStatus() : Statuses.copy(dpu.getStatus());
    if (status.getPhase() == null) {
      status.setPhase(DPUPhase.INITIALIZING);
    }
    dpu.setStatus(status);
    return new DpuPass(svc, dpu, status, svc.clock.instant());
  }

  /**
   * Writes the status when it changed: server-side apply of the owned fields (as {@link Statuses#update}), guarded by
   * the resourceVersion that was read, so that a pass computed from an outdated DPU never overwrites a newer status.
   * Background task results the pass recorded are forgotten once written.
   *
   * @return false when the DPU changed since it was read (409): nothing was written
   */
  private boolean writeStatus(Context<DPU> context, DpuPass p, JsonNode before) {
    DPU dpu = p.dpu;
    UpdateControl<DPU> control = Statuses.update(dpu, before, OWNED_CONDITIONS);
    if (control.isPatchStatus()) {
      DPU patch = control.getResource().orElseThrow();
      String readVersion = dpu.getMetadata().getResourceVersion();
      patch.getMetadata().setResourceVersion(readVersion);
      DPU result;
      try {
        result = context.getClient().resource(patch).subresource("status").patch(new PatchContext.Builder()
            .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(FIELD_MANAGER).withForce(true).build());
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409) {
          LOG.atDebug().addKeyValue("dpu", p.id()).log("DPU changed since it was read; not writing its status");
          return false;
        }
        throw e;
      }
      LOG.atDebug().addKeyValue("dpu", p.id()).log("status written over version " + readVersion + ": "
          + (result == null ? null : result.getMetadata().getResourceVersion()));
      if (result != null && !readVersion.equals(result.getMetadata().getResourceVersion())) {
        written.put(p.uid(), readVersion);
      }
    }
    p.consumed.forEach(kind -> svc.tasks.forget(p.uid(), kind));
    return true;
  }

  /**
   * Whether the informer still shows the version this controller read before its last status write: the write's
   * own event has not arrived yet, and a pass on the old version would redo what the write recorded.
   */
  private boolean stale(DPU dpu) {
    String before = written.get(dpu.getMetadata().getUid());
    if (before == null) {
      return false;
    }
    if (before.equals(dpu.getMetadata().getResourceVersion())) {
      LOG.atDebug().addKeyValue("dpu", ResourceID.fromResource(dpu)).log("waiting for the informer to show the "
          + "status written over version " + before);
      return true;
    }
    written.remove(dpu.getMetadata().getUid(), before);
    return false;
  }
}
