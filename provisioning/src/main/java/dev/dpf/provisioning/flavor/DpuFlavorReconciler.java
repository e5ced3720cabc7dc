package dev.dpf.provisioning.flavor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorStatus;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DPUFlavor controller. Upstream DPUFlavor has no status and no controller; this one reports validity and guards
 * deletion:
 *
 * <ul>
 *   <li>{@code Ready=True} when the flavor is usable; {@code Ready=False/Failure} with the problem when a rule of
 *       upstream's webhook that CEL cannot express fails (reserved resources exceeding {@code dpuResources}, with
 *       upstream's message) or the flavor cannot produce a bf.cfg within 128 KiB. The spec is immutable, so such a
 *       flavor stays failed: replace it. A Warning event {@code InvalidDPUFlavor} says the same.
 *   <li>Deletion protection (upstream: the webhook rejects deleting a flavor in use): the finalizer
 *       {@value #FINALIZER} holds a flavor that DPUSets or DPUs of its namespace still use, with
 *       {@code Ready=False/AwaitingDeletion} naming them; it is released as soon as the last one is gone.
 * </ul>
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuflavors"},
    verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuflavors/status", "dpuflavors/finalizers"},
    verbs = {"get", "update", "patch"})
@ControllerConfiguration(name = "dpuflavor", finalizerName = DpuFlavorReconciler.FINALIZER,
    fieldManager = DpuFlavorReconciler.FIELD_MANAGER)
public class DpuFlavorReconciler implements Reconciler<DPUFlavor>, Cleaner<DPUFlavor> {

  /** Finalizer of this implementation (upstream protects flavors with its webhook instead). */
  public static final String FINALIZER = "provisioning.dpu.nvidia.com/dpuflavor-protection";
  static final String FIELD_MANAGER = "dpuflavor-controller";
  static final String EVENT_INVALID = "InvalidDPUFlavor";
  static final String EVENT_DELETION_BLOCKED = "DeletionBlocked";

  private final StatusConditions conditions;
  private final EventRecorder events;
  private final FlavorUsers users = new FlavorUsers();

  public DpuFlavorReconciler(StatusConditions conditions, EventRecorder events) {
    this.conditions = conditions;
    this.events = events;
  }

  @Override
  public List<EventSource<?, DPUFlavor>> prepareEventSources(EventSourceContext<DPUFlavor> context) {
    return users.eventSources(context);
  }

  @Override
  public UpdateControl<DPUFlavor> reconcile(DPUFlavor flavor, Context<DPUFlavor> context) {
    JsonNode before = Statuses.snapshot(flavor.getStatus());
    Optional<Condition> readyBefore = StatusConditions.find(flavor.getStatus(), Conditions.READY);
    DPUFlavorStatus status = flavor.getStatus() == null ? new DPUFlavorStatus() : Statuses.copy(flavor.getStatus());
    flavor.setStatus(status);
    Long generation = flavor.getMetadata().getGeneration();
    conditions.ensure(status, DPUFlavor.CONDITIONS, generation);
    List<String> problems = FlavorValidation.problems(flavor.getSpec());
    if (problems.isEmpty()) {
      conditions.setTrue(status, Conditions.READY, generation);
    } else {
      String message = String.join("; ", problems);
      conditions.setFalse(status, Conditions.READY, Conditions.REASON_FAILURE, message, generation);
      if (readyBefore.isEmpty() || !Objects.equals(readyBefore.get().getMessage(), message)) {
        events.warning(flavor, EVENT_INVALID, message);
      }
    }
    return Statuses.update(flavor, before);
  }

  @Override
  public DeleteControl cleanup(DPUFlavor flavor, Context<DPUFlavor> context) {
    List<String> sets = users.dpuSets(flavor);
    List<String> dpus = users.dpus(flavor);
    if (sets.isEmpty() && dpus.isEmpty()) {
      return DeleteControl.defaultDelete();
    }
    List<String> reasons = new ArrayList<>();
    if (!sets.isEmpty()) {
      reasons.add("DPUFlavor is being referred to by DPUSet(s) " + goList(sets)
          + ", you must delete the DPUSet(s) first");
    }
    if (!dpus.isEmpty()) {
      reasons.add("DPUFlavor is being referred to by DPU(s) " + goList(dpus) + ", you must delete the DPU(s) first");
    }
    String message = String.join("; ", reasons);
    JsonNode before = Statuses.snapshot(flavor.getStatus());
    DPUFlavorStatus status = flavor.getStatus() == null ? new DPUFlavorStatus() : Statuses.copy(flavor.getStatus());
    flavor.setStatus(status);
    conditions.setFalse(status, Conditions.READY, Conditions.REASON_AWAITING_DELETION, message,
        flavor.getMetadata().getGeneration());
    status.setObservedGeneration(flavor.getMetadata().getGeneration());
    if (Statuses.changed(before, status)) {
      events.normal(flavor, EVENT_DELETION_BLOCKED, message);
      context.getClient().resource(Statuses.statusPatch(flavor)).subresource("status")
          .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(FIELD_MANAGER)
              .withForce(true).build());
    }
    return DeleteControl.noFinalizerRemoval();
  }

  /** Go's formatting of a string slice: {@code [a b c]}. */
  static String goList(List<String> names) {
    return "[" + String.join(" ", names) + "]";
  }
}
