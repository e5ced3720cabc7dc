package dev.dpf.dpuservice.dpuservice;

import static dev.dpf.api.svc.v1alpha1.DPUService.CONDITION_APPLICATIONS_RECONCILED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceStatus;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.util.List;

/**
 * Deletion of a DPUService under finalizer {@code dpu.nvidia.com/dpuservice} (reference 10.10): Applications first
 * (Argo CD cascade-deletes the chart's resources before it lets an Application go), then, once none is left, the
 * interface claims, the image pull Secrets of the namespace's last DPUService and the config-port objects; then the
 * finalizer is removed. A paused DPUService is not deleted until it is resumed (upstream behaviour), and says so in
 * {@code ApplicationsReconciled}.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservices/status"}, verbs = {"get", "update", "patch"})
final class DpuServiceDeletion {

  /** The reconciler's exit action (readiness, config-port status, summary). */
  interface Finish {
    void apply(DPUService service, DPUServiceStatus status, Targets.Clusters clusters);
  }

  static final String PAUSED_MESSAGE = "DPUService is paused: it is deleted once spec.paused is false";

  private final StatusConditions conditions;
  private final EventRecorder events;
  private final ApplicationSync applications;
  private final InterfaceBinding interfaces;
  private final Prerequisites prerequisites;
  private final ConfigPortsSync configPorts;
  private final String operatorNamespace;

  DpuServiceDeletion(StatusConditions conditions, EventRecorder events, ApplicationSync applications,
      InterfaceBinding interfaces, Prerequisites prerequisites, ConfigPortsSync configPorts,
      String operatorNamespace) {
    this.conditions = conditions;
    this.events = events;
    this.applications = applications;
    this.interfaces = interfaces;
    this.prerequisites = prerequisites;
    this.configPorts = configPorts;
    this.operatorNamespace = operatorNamespace;
  }

  DeleteControl run(DPUService service, Context<DPUService> context, Targets.Clusters clusters, Finish finish) {
    JsonNode before = Statuses.snapshot(service.getStatus());
    DPUServiceStatus status = service.getStatus() == null ? new DPUServiceStatus()
        : Statuses.copy(service.getStatus());
    service.setStatus(status);
    Long generation = service.getMetadata().getGeneration();
    conditions.ensure(status, DPUService.CONDITIONS, generation);
    if (service.paused()) {
      conditions.setFalse(status, CONDITION_APPLICATIONS_RECONCILED, Conditions.REASON_AWAITING_DELETION,
          PAUSED_MESSAGE, generation);
      writeStatus(service, status, before, clusters, finish, context);
      return DeleteControl.noFinalizerRemoval();
    }
    List<String> remaining;
    try {
      remaining = applications.deleteAll(service, operatorNamespace);
    } catch (KubernetesClientException e) {
      String message = "Error occurred: " + Prerequisites.message(e);
      conditions.setFalse(status, CONDITION_APPLICATIONS_RECONCILED, Conditions.REASON_AWAITING_DELETION, message,
          generation);
      events.warning(service, "DeletionError", message);
      writeStatus(service, status, before, clusters, finish, context);
      throw e;
    }
    if (!remaining.isEmpty()) {
      conditions.setFalse(status, CONDITION_APPLICATIONS_RECONCILED, Conditions.REASON_AWAITING_DELETION,
          "The following applications are awaiting deletion: " + String.join(", ", remaining), generation);
      writeStatus(service, status, before, clusters, finish, context);
      // the Application informer wakes us when Argo CD lets them go; the delay is a safety net
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(DpuServiceReconciler.DELETION_RECHECK.toMillis());
    }
    try {
      interfaces.release(service);
      String namespace = service.getMetadata().getNamespace();
      boolean last = context.getPrimaryCache()
          .list(s -> namespace.equals(s.getMetadata().getNamespace()) && s.getMetadata().getDeletionTimestamp() == null)
          .findAny().isEmpty();
      if (last) {
        prerequisites.deletePullSecrets(namespace, clusters.readyRefs());
      }
      configPorts.cleanup(service);
    } catch (StepException e) {
      String message = "Error occurred: " + e.getMessage();
      conditions.setFalse(status, CONDITION_APPLICATIONS_RECONCILED, Conditions.REASON_AWAITING_DELETION, message,
          generation);
      events.warning(service, "DeletionError", message);
      writeStatus(service, status, before, clusters, finish, context);
      throw new IllegalStateException(message, e);
    }
    return DeleteControl.defaultDelete();
  }

  /** Cleaner results carry no status: patch it here (server-side apply, field owner dpuservice-manager). */
  private static void writeStatus(DPUService service, DPUServiceStatus status, JsonNode before,
      Targets.Clusters clusters, Finish finish, Context<DPUService> context) {
    finish.apply(service, status, clusters);
    status.setObservedGeneration(service.getMetadata().getGeneration());
    if (!Statuses.changed(before, status)) {
      return;
    }
    DPUService patch = Statuses.statusPatch(service);
    try {
      context.getClient().resource(patch).subresource("status").patch(new PatchContext.Builder()
          .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(DPUService.FIELD_OWNER).withForce(true)
          .build(), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
