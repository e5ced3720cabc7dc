package dev.dpf.dpuservice.dpudeployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentStatus;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ordered deletion of a DPUDeployment (reference dpuservice.md 12.12): chains, interfaces and services first (their
 * DPU-side controllers must still run to finalize them), then the DPUSets, then the dependencies are released and the
 * finalizer removed. Progress is reported as {@code AwaitingDeletion} conditions; the owned-object informers wake the
 * controller as objects disappear.
 */
final class Deletion {

  private static final Map<Class<? extends HasMetadata>, String> CONDITION = new LinkedHashMap<>();

  static {
    CONDITION.put(DPUServiceChain.class, DPUDeployment.CONDITION_DPUSERVICECHAINS_RECONCILED);
    CONDITION.put(DPUServiceInterface.class, DPUDeployment.CONDITION_DPUSERVICEINTERFACES_RECONCILED);
    CONDITION.put(DPUService.class, DPUDeployment.CONDITION_DPUSERVICES_RECONCILED);
    CONDITION.put(DPUSet.class, DPUDeployment.CONDITION_DPUSETS_RECONCILED);
  }

  private final Children children;
  private final Dependencies dependencies;
  private final StatusConditions conditions;
  private final EventRecorder events;

  Deletion(Children children, Dependencies dependencies, StatusConditions conditions, EventRecorder events) {
    this.children = children;
    this.dependencies = dependencies;
    this.conditions = conditions;
    this.events = events;
  }

  DeleteControl run(DPUDeployment dep, Context<DPUDeployment> context) {
    JsonNode before = Statuses.snapshot(dep.getStatus());
    DPUDeploymentStatus status = dep.getStatus() == null ? new DPUDeploymentStatus() : Statuses.copy(dep.getStatus());
    dep.setStatus(status);
    Long gen = dep.getMetadata().getGeneration();
    conditions.ensure(status, DPUDeployment.CONDITIONS, gen);
    try {
      for (Class<? extends HasMetadata> kind : Children.FIRST_WAVE) {
        children.deleteAll(kind, dep);
      }
      for (DPUService s : children.remaining(DPUService.class, dep)) {
        children.setPaused(s, false); // a paused DPUService is never finalized
      }
      int firstWave = 0;
      for (Class<? extends HasMetadata> kind : Children.FIRST_WAVE) {
        firstWave += report(dep, status, gen, kind);
      }
      if (firstWave > 0) {
        write(dep, status, before, context);
        return DeleteControl.noFinalizerRemoval();
      }
      children.deleteAll(DPUSet.class, dep);
      if (report(dep, status, gen, DPUSet.class) > 0) {
        write(dep, status, before, context);
        return DeleteControl.noFinalizerRemoval();
      }
      dependencies.release(dep, null);
    } catch (KubernetesClientException e) {
      events.warning(dep, "DeletionError", e.getMessage());
      conditions.setFalse(status, Conditions.READY, Conditions.REASON_AWAITING_DELETION,
          DpuDeploymentReconciler.ERROR + e.getMessage(), gen);
      write(dep, status, before, context);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(10_000);
    }
    return DeleteControl.defaultDelete();
  }

  private int report(DPUDeployment dep, DPUDeploymentStatus status, Long gen, Class<? extends HasMetadata> kind) {
    int n = children.remaining(kind, dep).size();
    String name = Children.kindName(kind);
    conditions.setFalse(status, CONDITION.get(kind), Conditions.REASON_AWAITING_DELETION, n > 0
        ? "There are still " + n + " " + name + "s that are not completely deleted"
        : "All " + name + "s are deleted", gen);
    return n;
  }

  private void write(DPUDeployment dep, DPUDeploymentStatus status, JsonNode before, Context<DPUDeployment> context) {
    conditions.summarize(status, dep.getMetadata().getGeneration());
    status.setObservedGeneration(dep.getMetadata().getGeneration());
    if (Statuses.changed(before, status)) {
      context.getClient().resource(Statuses.statusPatch(dep)).subresource("status")
          .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
              .withFieldManager(DPUDeployment.FIELD_OWNER).withForce(true).build());
    }
  }
}
