package dev.dpf.provisioning.dpuset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.BFBPhase;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.provisioning.v1alpha1.DPUSetStatus;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateSpec;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DPUSet controller: keeps one DPU per selected DPU of every selected host Node (reference 6), replaces outdated
 * DPUs under {@code RollingUpdate} within {@code maxUnavailable}, and reports {@code status.dpuStatistics} and the
 * conditions {@code Ready} / {@code DPUSetPrereqsReconciled}.
 *
 * <p>The computation is {@link DpuSetPlanner} (pure); this class reads the informer caches, carries out the plan
 * ({@link DpuSetActions}) and writes the status. Deleting a DPUSet only removes the finalizer
 * {@code provisioning.dpu.nvidia.com/dpuset-protection}: its DPUs go by garbage collection (controller owner
 * references with {@code blockOwnerDeletion}) and each DPU runs its own cleanup.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpusets"},
    verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpusets/status", "dpusets/finalizers"},
    verbs = {"get", "update", "patch"})
@ControllerConfiguration(name = "dpuset", finalizerName = DPUSet.FINALIZER, fieldManager = "dpuset")
public class DpuSetReconciler implements Reconciler<DPUSet>, Cleaner<DPUSet> {

  private static final Logger LOG = LoggerFactory.getLogger(DpuSetReconciler.class);

  private final StatusConditions conditions;
  private final DpuSetActions actions;
  private final Expectations expectations;
  private final DpuSetWatches watches = new DpuSetWatches();

  public DpuSetReconciler(StatusConditions conditions, EventRecorder events, Clock clock) {
    this.conditions = conditions;
    this.actions = new DpuSetActions(events);
    this.expectations = new Expectations(clock);
    watches.onDpuAdded(dpu -> DpuSetWatches.owner(dpu).ifPresent(set ->
        expectations.createObserved(set.getNamespace().orElse("") + "/" + set.getName(), dpu.getMetadata().getName())));
  }

  @Override
  public List<EventSource<?, DPUSet>> prepareEventSources(EventSourceContext<DPUSet> context) {
    return watches.create(context);
  }

  @Override
  public UpdateControl<DPUSet> reconcile(DPUSet set, Context<DPUSet> context) {
    String key = set.getMetadata().getNamespace() + "/" + set.getMetadata().getName();
    JsonNode before = Statuses.snapshot(set.getStatus());
    DPUSetStatus status = set.getStatus() == null ? new DPUSetStatus() : Statuses.copy(set.getStatus());
    set.setStatus(status);
    Long generation = set.getMetadata().getGeneration();
    conditions.ensure(status, DPUSet.CONDITIONS, generation);

    List<DPU> owned = watches.owned(set);
    expectations.observe(key, owned);
    Set<String> pendingDeletes = expectations.pendingDeletes(key);
    DpuSetPlan plan = DpuSetPlanner.plan(set, watches.nodes(), owned, expectations.pendingCreates(key),
        pendingDeletes);
    Issues issues = new Issues();
    if (plan.specError() != null) {
      issues.failure(plan.specError());
    } else {
      execute(set, plan, context.getClient(), key, issues);
      prerequisites(set, issues);
    }

    status.setDpuStatistics(DpuSetStatuses.statistics(owned));
    if (issues.isEmpty()) {
      conditions.setTrue(status, DPUSet.CONDITION_DPUSET_PREREQS_RECONCILED, generation);
      List<String> notReady = DpuSetStatuses.notReady(plan, owned, pendingDeletes);
      if (notReady.isEmpty()) {
        conditions.setTrue(status, Conditions.READY, generation);
      } else {
        int total = plan.desired().size() + plan.buildErrors().size();
        conditions.setFalse(status, Conditions.READY, Conditions.REASON_PENDING,
            DpuSetStatuses.notReadyMessage(notReady, total), generation);
      }
    } else {
      conditions.setFalse(status, DPUSet.CONDITION_DPUSET_PREREQS_RECONCILED, issues.reason(), issues.message(),
          generation);
      conditions.summarize(status, generation);
    }
    UpdateControl<DPUSet> control = Statuses.update(set, before);
    if (issues.retry()) {
      throw new SyncException(issues.message(), control.getResource().orElse(null));
    }
    return control;
  }

  private void execute(DPUSet set, DpuSetPlan plan, KubernetesClient client, String key, Issues issues) {
    for (DpuSetPlan.BuildError e : plan.buildErrors()) {
      actions.failedCreate(set, e.node(), e.index(), e.message());
      issues.error(e.message(), false);
    }
    for (DPU dpu : plan.toCreate()) {
      String name = dpu.getMetadata().getName();
      DpuSetPlan.Desired d = plan.desired().get(name);
      // expected before the create, so that the informer's add event can never come first
      expectations.created(key, name);
      try {
        actions.create(client, set, dpu, d.node(), d.index());
      } catch (KubernetesClientException e) {
        expectations.createFailed(key, name);
        issues.error("creating DPU " + name + " failed: " + DpuSetActions.message(e), true);
      }
    }
    for (DPU dpu : plan.stale()) {
      delete(set, dpu, client, key, issues);
    }
    plan.labelSync().forEach((name, labels) -> {
      DPU dpu = plan.desired().get(name).dpu();
      try {
        actions.addNodeLabels(client, dpu, labels);
      } catch (KubernetesClientException e) {
        issues.error("updating spec.cluster.nodeLabels of DPU " + name + " failed: " + DpuSetActions.message(e),
            true);
      }
    });
    for (DPU dpu : plan.rollingDeletes()) {
      delete(set, dpu, client, key, issues);
    }
    if (plan.strategyError() != null) {
      issues.failure(plan.strategyError());
    }
    if (!plan.rollingDeletes().isEmpty()) {
      LOG.atInfo().addKeyValue("dpuset", key).addKeyValue("deleted", plan.rollingDeletes().size())
          .addKeyValue("maxUnavailable", plan.maxUnavailable()).addKeyValue("hosts", plan.hosts())
          .log("rolling update");
    }
  }

  private void delete(DPUSet set, DPU dpu, KubernetesClient client, String key, Issues issues) {
    try {
      actions.delete(client, set, dpu);
      expectations.deleted(key, dpu.getMetadata().getUid());
    } catch (KubernetesClientException e) {
      issues.error("deleting DPU " + dpu.getMetadata().getName() + " failed: " + DpuSetActions.message(e), true);
    }
  }

  /** The BFB (phase Ready) and DPUFlavor the template names; missing ones do not stop DPU creation (upstream). */
  private void prerequisites(DPUSet set, Issues issues) {
    String ns = set.getMetadata().getNamespace();
    DPUTemplateSpec t = set.getSpec().getDpuTemplate().getSpec();
    String bfbName = t.getBfb().getName();
    Optional<BFB> bfb = watches.bfb(ns, bfbName);
    if (bfb.isEmpty()) {
      issues.pending("BFB " + ns + "/" + bfbName + " not found");
    } else if (bfb.get().getStatus() == null || bfb.get().getStatus().getPhase() != BFBPhase.READY) {
      BFBPhase phase = bfb.get().getStatus() == null ? null : bfb.get().getStatus().getPhase();
      issues.pending("BFB " + ns + "/" + bfbName + " is not ready (phase " + (phase == null ? "unknown"
          : phase.value()) + ")");
    }
    if (t.getDpuFlavor() == null || t.getDpuFlavor().isEmpty()) {
      issues.pending("spec.dpuTemplate.spec.dpuFlavor is not set");
    } else if (watches.flavor(ns, t.getDpuFlavor()).isEmpty()) {
      issues.pending("DPUFlavor " + ns + "/" + t.getDpuFlavor() + " not found");
    }
  }

  @Override
  public ErrorStatusUpdateControl<DPUSet> updateErrorStatus(DPUSet set, Context<DPUSet> context, Exception e) {
    // JOSDK hands over the reconciler's exception wrapped (OperatorException)
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SyncException sync) {
        return sync.statusPatch == null ? ErrorStatusUpdateControl.noStatusUpdate()
            : ErrorStatusUpdateControl.patchStatus(sync.statusPatch);
      }
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public DeleteControl cleanup(DPUSet set, Context<DPUSet> context) {
    expectations.forget(set.getMetadata().getNamespace() + "/" + set.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }

  /** A pass that failed on an API call: the status it computed is written, then JOSDK retries with back-off. */
  static final class SyncException extends RuntimeException {
    private final transient DPUSet statusPatch;

    SyncException(String message, DPUSet statusPatch) {
      super(message);
      this.statusPatch = statusPatch;
    }
  }

  /** Problems of one pass, most severe first: Failure (spec) > Error (data, API) > Pending (prerequisites). */
  private static final class Issues {
    private final List<String> failures = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private boolean retry;

    void failure(String message) {
      failures.add(message);
    }

    void error(String message, boolean retryable) {
      errors.add(message);
      retry |= retryable;
    }

    void pending(String message) {
      pending.add(message);
    }

    boolean isEmpty() {
      return failures.isEmpty() && errors.isEmpty() && pending.isEmpty();
    }

    boolean retry() {
      return retry;
    }

    String reason() {
      if (!failures.isEmpty()) {
        return Conditions.REASON_FAILURE;
      }
      return errors.isEmpty() ? Conditions.REASON_PENDING : Conditions.REASON_ERROR;
    }

    String message() {
      List<String> all = new ArrayList<>(failures);
      all.addAll(errors);
      all.addAll(pending);
      String text = String.join("; ", all);
      return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }
  }
}
