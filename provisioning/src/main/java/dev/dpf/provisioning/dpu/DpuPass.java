package dev.dpf.provisioning.dpu;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUStatus;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.dms.DpuRef;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One reconcile of one DPU: the DPU as read, the status being computed, and the DPU flavour of DPF's condition
 * helper (reference 2.1: a True condition's reason is its type unless given; the transition time moves only when the
 * status value changes).
 */
final class DpuPass {

  final DpuServices svc;
  final DPU dpu;
  final DPUStatus status;
  final Instant now;
  /** Finished tasks whose result this pass recorded: forgotten once the status is written. */
  final java.util.Set<BackgroundTasks.Kind> consumed = java.util.EnumSet.noneOf(BackgroundTasks.Kind.class);

  DpuPass(DpuServices svc, DPU dpu, DPUStatus status, Instant now) {
    this.svc = svc;
    this.dpu = dpu;
    this.status = status;
    this.now = now;
  }

  String name() {
    return dpu.getMetadata().getName();
  }

  String namespace() {
    return dpu.getMetadata().getNamespace();
  }

  String uid() {
    return dpu.getMetadata().getUid();
  }

  String nodeName() {
    return dpu.getSpec().getNodeName();
  }

  Long generation() {
    return dpu.getMetadata().getGeneration();
  }

  DpuRef ref() {
    return new DpuRef(namespace(), name());
  }

  ResourceID id() {
    return ResourceID.fromResource(dpu);
  }

  DPUPhase phase() {
    return status.getPhase() == null ? DPUPhase.INITIALIZING : status.getPhase();
  }

  /** Why the host Node cannot be used: absent or being deleted. */
  String hostNodeMissing(io.fabric8.kubernetes.api.model.Node node) {
    return node == null ? "host node " + nodeName() + " not found"
        : "host node " + nodeName() + " is being deleted";
  }

  /** Marks a finished task as recorded in this pass's status (forgotten after a successful write). */
  void consume(BackgroundTasks.Kind kind) {
    consumed.add(kind);
  }

  Map<String, String> annotations() {
    return dpu.getMetadata().getAnnotations() == null ? Map.of() : dpu.getMetadata().getAnnotations();
  }

  void setTrue(String type, String message) {
    setTrue(type, type, message);
  }

  void setTrue(String type, String reason, String message) {
    svc.conditions.set(status, type, Conditions.TRUE, reason, message, generation());
  }

  void setFalse(String type, String reason, String message) {
    svc.conditions.set(status, type, Conditions.FALSE, reason, message, generation());
  }

  Optional<Condition> condition(String type) {
    return StatusConditions.find(status, type);
  }

  boolean isTrue(String type) {
    return StatusConditions.isTrue(status, type);
  }

  /** A Warning event on the DPU (repeats of the same message are aggregated by the recorder). */
  void warn(String reason, String message) {
    svc.events.warning(dpu, reason, message);
  }

  void normal(String reason, String message) {
    svc.events.record(dpu, EventRecorder.NORMAL, reason, message);
  }

  /**
   * Terminal failure: condition {@code type} False with the reason and message, {@code Ready} False with the same,
   * a Warning event, phase Error.
   */
  Step fail(String type, String reason, String message) {
    setFalse(type, reason, message);
    if (!DPU.CONDITION_READY.equals(type)) {
      setFalse(DPU.CONDITION_READY, reason, message);
    }
    warn(reason, message);
    return Step.next(DPUPhase.ERROR);
  }

  /** A recoverable failure: condition False, Warning event, retry with back-off. */
  Step error(String type, String reason, String message) {
    setFalse(type, reason, message);
    warn(reason, message);
    return Step.retry();
  }
}
