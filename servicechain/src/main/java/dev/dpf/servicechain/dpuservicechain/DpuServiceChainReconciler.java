package dev.dpf.servicechain.dpuservicechain;

import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceChainStatus;
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
 * DPUServiceChain controller (host cluster): mirrors each object as a same-named ServiceChainSet into every selected Ready DPU cluster. The work is the generic mirror reconcile ({@link MirrorEngine}); this class
 * binds it to the kind, its finalizer and its field owner.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservicechains"}, verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservicechains/status", "dpuservicechains/finalizers"},
    verbs = {"get", "update", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "dpuservicechain", finalizerName = DPUServiceChain.FINALIZER, fieldManager = DPUServiceChain.FIELD_OWNER)
public class DpuServiceChainReconciler implements Reconciler<DPUServiceChain>, Cleaner<DPUServiceChain> {

  private final MirrorEngine<DPUServiceChain, DPUServiceChainStatus> engine;

  public DpuServiceChainReconciler(MirrorEngine<DPUServiceChain, DPUServiceChainStatus> engine) {
    this.engine = engine;
  }

  @Override
  public List<EventSource<?, DPUServiceChain>> prepareEventSources(EventSourceContext<DPUServiceChain> context) {
    return engine.eventSources(context);
  }

  @Override
  public UpdateControl<DPUServiceChain> reconcile(DPUServiceChain resource, Context<DPUServiceChain> context) throws MirrorSyncException {
    return engine.reconcile(resource);
  }

  @Override
  public ErrorStatusUpdateControl<DPUServiceChain> updateErrorStatus(DPUServiceChain resource, Context<DPUServiceChain> context, Exception e) {
    return engine.updateErrorStatus(resource, e);
  }

  @Override
  public DeleteControl cleanup(DPUServiceChain resource, Context<DPUServiceChain> context) throws MirrorSyncException {
    return engine.cleanup(resource, context);
  }
}
