package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUInstallation;
import dev.dpf.dms.DmsTimeouts;
import dev.dpf.provisioning.nodeeffect.NodeEffectException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code Deleting} (reference 9.14, quirk Q6), run from the reconciler's cleanup once the DPU is being deleted. A
 * running installation is cancelled at once (the DMS call in flight is cut); an activation DMS already accepted is
 * let finish (polled, bounded by the activation timeout) before the DMS pod goes, so the DPU is not left half
 * flashed. Then: allocator reservation, node effect, {@code /bfb/<dpu>.cfg}, Certificate, server Secret, both pods,
 * the DPU's Node in the DPU cluster. The finalizer goes on the pass where none of the objects existed any more.
 */
final class DeletingPhase {

  /** Outcome: remove the finalizer, or look again after {@code requeue}. */
  record Result(boolean done, Duration requeue, boolean failed) {
    static Result again(Duration requeue) {
      return new Result(false, requeue, false);
    }

    static Result retry() {
      return new Result(false, null, true);
    }
  }

  private static final BackgroundTasks.Kind[] CANCEL = {BackgroundTasks.Kind.TRANSFER, BackgroundTasks.Kind.ACTIVATE,
      BackgroundTasks.Kind.PROBE, BackgroundTasks.Kind.UPTIME, BackgroundTasks.Kind.REBOOT};

  Result handle(DpuPass p) {
    for (BackgroundTasks.Kind kind : CANCEL) {
      if (p.svc.tasks.running(p.uid(), kind)) {
        p.normal("InstallationCancelled", "The DPU is being deleted: cancelled the " + kind.name().toLowerCase()
            + " task");
      }
    }
    cancel(p);
    Optional<Result> activation = awaitAcceptedActivation(p);
    if (activation.isPresent()) {
      return activation.get();
    }
    p.svc.allocator.release(p.dpu);
    try {
      p.svc.nodeEffects.releaseAll(p.dpu, p.svc.watches.node(p.nodeName()).orElse(null));
    } catch (NodeEffectException e) {
      p.warn(DPU.REASON_NODE_EFFECT_ERROR, e.getMessage());
      return Result.retry();
    }
    try {
      Files.deleteIfExists(p.svc.volume.file(DpuObjects.bfCfgVersion(p.dpu)));
    } catch (IOException | RuntimeException e) {
      p.warn("FailedDelete", "removing " + DpuObjects.bfCfgVersion(p.dpu) + " from the BFB volume failed: "
          + e.getMessage());
      return Result.retry();
    }
    int existed;
    try {
      existed = p.svc.resources.deleteOwnedObjects(p.dpu);
      if (!DpuWatches.unassigned(p.dpu)) {
        Optional<DPUCluster> cluster = p.svc.watches.cluster(DpuWatches.clusterNamespace(p.dpu),
            p.dpu.getSpec().getCluster().getName());
        if (cluster.isPresent()) {
          p.svc.resources.deleteDpuClusterNode(cluster.get(), p.name());
        }
      }
    } catch (DpuActionException e) {
      p.warn("FailedDelete", e.getMessage());
      return Result.retry();
    }
    if (existed > 0) {
      // pod deletions are watched; the short recheck covers the Certificate and Secret
      return Result.again(Duration.ofSeconds(1));
    }
    return new Result(true, null, false);
  }

  private static void cancel(DpuPass p) {
    for (BackgroundTasks.Kind kind : CANCEL) {
      if (p.svc.tasks.running(p.uid(), kind)) {
        p.svc.tasks.cancelOne(p.uid(), kind);
      } else {
        p.svc.tasks.forget(p.uid(), kind);
      }
    }
  }

  /** While DMS flashes the DPU (activation accepted, not finished, within the timeout), wait. */
  private static Optional<Result> awaitAcceptedActivation(DpuPass p) {
    DPUInstallation inst = p.status.getInstallation();
    if (inst == null || inst.getActivationRequestedAt() == null || inst.getInstalledAt() != null) {
      return Optional.empty();
    }
    DmsTimeouts timeouts = p.svc.options.dmsTimeouts(p.svc.settings.dmsTimeoutSeconds());
    if (p.now.isAfter(Instant.parse(inst.getActivationRequestedAt()).plus(timeouts.activation()))) {
      return Optional.empty();
    }
    Optional<BackgroundTasks.Task<Boolean>> task = p.svc.tasks.get(p.uid(), BackgroundTasks.Kind.DMS_IDLE);
    if (task.isEmpty()) {
      p.svc.tasks.start(p.uid(), BackgroundTasks.Kind.DMS_IDLE, p.id(),
          t -> p.svc.installer.activationInProgress(p.ref(), timeouts));
      return Optional.of(Result.again(p.svc.options.waitInterval()));
    }
    if (!task.get().isDone()) {
      return Optional.of(Result.again(p.svc.options.waitInterval()));
    }
    p.consume(BackgroundTasks.Kind.DMS_IDLE);
    boolean active;
    try {
      active = task.get().get();
    } catch (Exception e) {
      active = false;
    }
    if (active) {
      p.normal("WaitingForActivation", "DMS is flashing the DPU; deleting its DMS pod once the activation ended");
      return Optional.of(Result.again(p.svc.options.waitInterval()));
    }
    return Optional.empty();
  }
}
