package dev.dpf.servicechain.dpuserviceinterface;

import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterfaceStatus;
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
 * DPUServiceInterface controller (host cluster): mirrors each object as a same-named ServiceInterfaceSet into every selected Ready DPU cluster. The work is the generic mirror reconcile ({@link MirrorEngine}); this class
 * binds it to the kind, its finalizer and its field owner.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceinterfaces"}, verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceinterfaces/status", "dpuserviceinterfaces/finalizers"},
    verbs = {"get", "update", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "dpuserviceinterface", finalizerName = DPUServiceInterface.FINALIZER, fieldManager = DPUServiceInterface.FIELD_OWNER)
public class DpuServiceInterfaceReconciler implements Reconciler<DPUServiceInterface>, Cleaner<DPUServiceInterface> {

  private final MirrorEngine<DPUServiceInterface, DPUServiceInterfaceStatus> engine;

  public DpuServiceInterfaceReconciler(MirrorEngine<DPUServiceInterface, DPUServiceInterfaceStatus> engine) {
    this.engine = engine;
  }

  @Override
  public List<EventSource<?, DPUServiceInterface>> prepareEventSources(EventSourceContext<DPUServiceInterface> context) {
    return engine.eventSources(context);
  }

  @Override
  public UpdateControl<DPUServiceInterface> reconcile(DPUServiceInterface resource, Context<DPUServiceInterface> context) throws MirrorSyncException {
    return engine.reconcile(resource);
  }

  @Override
  public ErrorStatusUpdateControl<DPUServiceInterface> updateErrorStatus(DPUServiceInterface resource, Context<DPUServiceInterface> context, Exception e) {
    return engine.updateErrorStatus(resource, e);
  }

  @Override
  public DeleteControl cleanup(DPUServiceInterface resource, Context<DPUServiceInterface> context) throws MirrorSyncException {
    return engine.cleanup(resource, context);
  }
}
