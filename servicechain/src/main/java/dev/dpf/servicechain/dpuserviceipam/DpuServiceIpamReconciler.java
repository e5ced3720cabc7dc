package dev.dpf.servicechain.dpuserviceipam;

import dev.dpf.api.svc.v1alpha1.DPUServiceIPAM;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAMStatus;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.servicechain.mirror.MirrorEngine;
import dev.dpf.servicechain.mirror.MirrorSyncException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/**
 * DPUServiceIPAM controller (host cluster): translates each object into an NVIPAM IPPool or CIDRPool in every selected Ready DPU cluster. Not generation-aware, so that a change of the pool-name override annotation is seen. The work is the generic mirror reconcile ({@link MirrorEngine}); this class
 * binds it to the kind, its finalizer and its field owner.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceipams"}, verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceipams/status", "dpuserviceipams/finalizers"},
    verbs = {"get", "update", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "dpuserviceipam", finalizerName = DPUServiceIPAM.FINALIZER, fieldManager = DPUServiceIPAM.FIELD_OWNER,
    generationAwareEventProcessing = false)
public class DpuServiceIpamReconciler implements Reconciler<DPUServiceIPAM>, Cleaner<DPUServiceIPAM> {

  private final MirrorEngine<DPUServiceIPAM, DPUServiceIPAMStatus> engine;

  public DpuServiceIpamReconciler(MirrorEngine<DPUServiceIPAM, DPUServiceIPAMStatus> engine) {
    this.engine = engine;
  }

  @Override
  public List<EventSource<?, DPUServiceIPAM>> prepareEventSources(EventSourceContext<DPUServiceIPAM> context) {
    return engine.eventSources(context);
  }

  @Override
  public UpdateControl<DPUServiceIPAM> reconcile(DPUServiceIPAM resource, Context<DPUServiceIPAM> context) throws MirrorSyncException {
    return engine.reconcile(resource);
  }

  @Override
  public ErrorStatusUpdateControl<DPUServiceIPAM> updateErrorStatus(DPUServiceIPAM resource, Context<DPUServiceIPAM> context, Exception e) {
    return engine.updateErrorStatus(resource, e);
  }

  @Override
  public DeleteControl cleanup(DPUServiceIPAM resource, Context<DPUServiceIPAM> context) throws MirrorSyncException {
    return engine.cleanup(resource, context);
  }
}
