package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.dms.DmsAddress;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code DMS Deployment} (reference 8.1, 8.2, 9.5): the DMS server Certificate and the DMS pod; once the pod runs and
 * DMS accepts TCP connections (probed in the background, 5 s connect timeout), {@code OS Installing}. A pod that
 * failed ends in Error ({@code DMSPodFailed}); one stuck Pending (quirk Q7: upstream never times out Pending) or in
 * an odd phase longer than the DMS pod timeout ends in Error ({@code DMSPodTimedout}); the rshim pre-flight refusal
 * is reported ({@code ExistingRshimInstallDetected}) and retried with back-off.
 */
final class DmsDeploymentPhase implements Phase {

  @Override
  public DPUPhase phase() {
    return DPUPhase.DMS_DEPLOYMENT;
  }

  @Override
  public Step handle(DpuPass p) {
    Optional<Pod> cached = p.svc.watches.pod(p.namespace(), DpuObjects.dmsPodName(p.dpu));
    if (cached.isEmpty()) {
      return create(p);
    }
    Pod pod = cached.get();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return Step.waitForEvent();
    }
    String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
        : pod.getStatus().getPhase();
    Duration age = Duration.between(created(pod, p.now), p.now);
    Duration timeout = p.svc.options.dmsPodTimeout();
    switch (phase) {
      case "Running" -> {
        return probe(p);
      }
      case "Failed" -> {
        return p.fail(DPU.CONDITION_DMS_RUNNING, DPU.REASON_DMS_POD_FAILED, DPU.MESSAGE_DMS_POD_FAILED);
      }
      case "Pending" -> {
        Optional<String> rshim = rshimRefusal(pod);
        if (rshim.isPresent()) {
          return p.error(DPU.CONDITION_DMS_RUNNING, DPU.REASON_EXISTING_RSHIM_INSTALL_DETECTED, "the DMS server "
              + pod.getMetadata().getName() + " is not ready yet, wait for \"" + rshim.get() + "\"");
        }
        return timedOut(p, age, timeout);
      }
      default -> {
        return timedOut(p, age, timeout);
      }
    }
  }

  private static Step create(DpuPass p) {
    if (!p.svc.settings.ready()) {
      return Step.recheckAfter(p.svc.options.waitInterval());
    }
    try {
      Node node = p.svc.watches.node(p.nodeName()).orElse(null);
      if (node == null || node.getMetadata().getDeletionTimestamp() != null) {
        throw new DpuActionException(p.hostNodeMissing(node));
      }
      p.svc.resources.ensureCertificate(p.dpu, node);
      p.svc.resources.create(DmsPods.dmsPod(p));
    } catch (DpuActionException e) {
      return p.error(DPU.CONDITION_DMS_RUNNING, DPU.REASON_ERROR_OCCURED, e.getMessage());
    }
    p.normal("DMSPodCreated", "Created pod " + p.namespace() + "/" + DpuObjects.dmsPodName(p.dpu)
        + " and Certificate " + DpuObjects.certificateName(p.dpu));
    return Step.waitForEvent();
  }

  /** Running: is DMS listening? A plain TCP connect in the background. */
  private static Step probe(DpuPass p) {
    Optional<DmsAddress> address = p.svc.endpoints.address(p.ref());
    if (address.isEmpty()) {
      return Step.recheckAfter(p.svc.options.waitInterval());
    }
    Optional<BackgroundTasks.Task<Boolean>> task = p.svc.tasks.get(p.uid(), BackgroundTasks.Kind.PROBE);
    if (task.isEmpty()) {
      Duration connect = p.svc.options.dmsProbeTimeout();
      p.svc.tasks.start(p.uid(), BackgroundTasks.Kind.PROBE, p.id(), t -> address.get().acceptsConnections(connect));
      return Step.waitForEvent();
    }
    if (!task.get().isDone()) {
      return Step.waitForEvent();
    }
    p.consume(BackgroundTasks.Kind.PROBE);
    boolean open;
    try {
      open = task.get().get();
    } catch (Exception e) {
      open = false;
    }
    if (!open) {
      // DMS starting: nothing emits an event when the port opens
      return Step.recheckAfter(p.svc.options.waitInterval());
    }
    p.setTrue(DPU.CONDITION_DMS_RUNNING, "");
    p.normal(DPU.CONDITION_DMS_RUNNING, "DMS is running on " + address.get());
    return Step.next(DPUPhase.OS_INSTALLING);
  }

  private static Step timedOut(DpuPass p, Duration age, Duration timeout) {
    if (age.compareTo(timeout) > 0) {
      return p.fail(DPU.CONDITION_DMS_RUNNING, DPU.REASON_DMS_POD_TIMEDOUT, DPU.MESSAGE_DMS_POD_TIMEDOUT);
    }
    return Step.recheckAfter(timeout.minus(age).plusMillis(100));
  }

  /**
   * The rshim pre-flight refusal: the first container waits and the first init container ({@code rshim-preflight})
   * has terminated before (its termination message).
   */
  static Optional<String> rshimRefusal(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    List<ContainerStatus> containers = pod.getStatus().getContainerStatuses();
    List<ContainerStatus> inits = pod.getStatus().getInitContainerStatuses();
    if (containers == null || containers.isEmpty() || inits == null || inits.isEmpty()) {
      return Optional.empty();
    }
    boolean waiting = containers.get(0).getState() != null && containers.get(0).getState().getWaiting() != null;
    ContainerStatus init = inits.get(0);
    if (!waiting || init.getLastState() == null || init.getLastState().getTerminated() == null) {
      return Optional.empty();
    }
    String message = init.getLastState().getTerminated().getMessage();
    return Optional.of(message == null ? "" : message.trim());
  }

  private static Instant created(Pod pod, Instant now) {
    String ts = pod.getMetadata().getCreationTimestamp();
    try {
      return ts == null ? now : Instant.parse(ts);
    } catch (RuntimeException e) {
      return now;
    }
  }
}
