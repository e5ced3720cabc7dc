package dev.dpf.operator.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigStatus;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.runtime.DpfRuntimeConfig;
import dev.dpf.common.runtime.RuntimeSettings;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One pass of the uninstall (deletion of the singleton, reference §4.9): the {@link Uninstall} stages, then every
 * component's own objects (confirmed gone), then the operator's image-pull-secret labels are released, the run-time
 * settings go back to the defaults and the finalizer is removed. While something is left the pass reports
 * {@code SystemComponentsReconciled=False/AwaitingDeletion} and runs again after {@link #RECHECK}.
 */
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs/status"}, verbs = {"patch"})
final class UninstallFlow {

  static final Duration RECHECK = OperatorConfigReconciler.UNINSTALL_RECHECK;

  private final KubernetesClient client;
  private final DPFOperatorConfig config;
  private final String namespace;
  private final Set<String> watchNamespaces;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final OperatorConfigWatches watches;
  private final RuntimeSettings settings;
  private final WrittenStatuses written;

  UninstallFlow(KubernetesClient client, DPFOperatorConfig config, String namespace, Set<String> watchNamespaces,
      StatusConditions conditions, EventRecorder events, OperatorConfigWatches watches, RuntimeSettings settings,
      WrittenStatuses written) {
    this.written = written;
    this.client = client;
    this.config = config;
    this.namespace = namespace;
    this.watchNamespaces = watchNamespaces;
    this.conditions = conditions;
    this.events = events;
    this.watches = watches;
    this.settings = settings;
  }

  DeleteControl run() {
    DPFOperatorConfigStatus base = written.base(config);
    JsonNode before = Statuses.snapshot(base);
    DPFOperatorConfigStatus status = base == null ? new DPFOperatorConfigStatus() : Statuses.copy(base);
    config.setStatus(status);
    Long generation = config.getMetadata().getGeneration();
    conditions.ensure(status, DPFOperatorConfig.CONDITIONS, generation);
    try {
      Optional<Uninstall.Waiting> waiting = new Uninstall(client, watchNamespaces).run();
      if (waiting.isPresent()) {
        Uninstall.Waiting w = waiting.get();
        if (w.deleted() > 0) {
          events.normal(config, OperatorConfigReconciler.EVENT_UNINSTALLING, "Uninstall stage " + w.stage() + " of "
              + Uninstall.STAGES.size() + ": deleting " + String.join(", ", w.kinds()) + " (" + w.deleted()
              + " objects)");
        }
        return awaiting("System DPUServices awaiting deletion: " + w.message(), before);
      }
      List<String> pending = new ArrayList<>();
      ComponentApplier applier = new ComponentApplier(client);
      for (String component : OperatorLabels.COMPONENTS) {
        applier.remove(component, namespace).forEach(p -> pending.add(component + ": " + p + " pending deletion"));
      }
      if (!pending.isEmpty()) {
        return awaiting("System components awaiting deletion: " + Uninstall.aggregate(pending), before);
      }
      new PullSecrets(client).releaseAll(namespace, watches.labelledSecrets().toList());
    } catch (KubernetesClientException | IllegalStateException e) {
      String message = "System components must be removed for the DPF Operator to uninstall: " + e.getMessage();
      events.warning(config, OperatorConfigReconciler.EVENT_RECONCILE_FAILED, message);
      conditions.setFalse(status, DPFOperatorConfig.CONDITION_SYSTEM_COMPONENTS_RECONCILED, Conditions.REASON_ERROR,
          message, generation);
      write(before);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(RECHECK.multipliedBy(5).toMillis());
    }
    conditions.setTrue(status, DPFOperatorConfig.CONDITION_SYSTEM_COMPONENTS_RECONCILED, generation);
    write(before);
    settings.publish(DpfRuntimeConfig.defaults());
    events.normal(config, OperatorConfigReconciler.EVENT_UNINSTALLED, "Every DPF object and system component is "
        + "deleted; removing the finalizer");
    return DeleteControl.defaultDelete();
  }

  private DeleteControl awaiting(String message, JsonNode before) {
    conditions.setFalse(config.getStatus(), DPFOperatorConfig.CONDITION_SYSTEM_COMPONENTS_RECONCILED,
        Conditions.REASON_AWAITING_DELETION, message, config.getMetadata().getGeneration());
    write(before);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(RECHECK.toMillis());
  }

  /** Summary, order, and a server-side apply of the status when it changed. */
  private void write(JsonNode before) {
    DPFOperatorConfigStatus status = config.getStatus();
    conditions.summarize(status, config.getMetadata().getGeneration());
    OperatorConfigReconciler.sortConditions(status);
    status.setObservedGeneration(config.getMetadata().getGeneration());
    if (!Statuses.changed(before, status)) {
      return;
    }
    client.resource(Statuses.statusPatch(config)).subresource("status").patch(new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(DPFOperatorConfig.FIELD_OWNER).withForce(true)
        .build());
    written.wrote(config, status);
  }
}
