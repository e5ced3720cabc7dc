package dev.dpf.servicechain.dpuserviceinterface;

import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterfaceStatus;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.servicechain.mirror.MirrorEngine;
import dev.dpf.servicechain.mirror.MirrorReconciler;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;

/**
 * DPUServiceInterface controller (host cluster): mirrors each object as a same-named ServiceInterfaceSet into every selected Ready DPU cluster. The work is the generic mirror reconcile ({@link MirrorEngine}); this class
 * binds it to the kind, its finalizer and its field owner.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceinterfaces"}, verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceinterfaces/status", "dpuserviceinterfaces/finalizers"},
    verbs = {"get", "update", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "dpuserviceinterface", finalizerName = DPUServiceInterface.FINALIZER, fieldManager = DPUServiceInterface.FIELD_OWNER)
public class DpuServiceInterfaceReconciler extends MirrorReconciler<DPUServiceInterface, DPUServiceInterfaceStatus> {

  public DpuServiceInterfaceReconciler(MirrorEngine<DPUServiceInterface, DPUServiceInterfaceStatus> engine) {
    super(engine);
  }
}
