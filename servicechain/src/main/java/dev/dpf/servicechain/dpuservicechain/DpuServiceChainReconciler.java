package dev.dpf.servicechain.dpuservicechain;

import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceChainStatus;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.servicechain.mirror.MirrorEngine;
import dev.dpf.servicechain.mirror.MirrorReconciler;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;

/**
 * DPUServiceChain controller (host cluster): mirrors each object as a same-named ServiceChainSet into every selected Ready DPU cluster. The work is the generic mirror reconcile ({@link MirrorEngine}); this class
 * binds it to the kind, its finalizer and its field owner.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservicechains"}, verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservicechains/status", "dpuservicechains/finalizers"},
    verbs = {"get", "update", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "dpuservicechain", finalizerName = DPUServiceChain.FINALIZER, fieldManager = DPUServiceChain.FIELD_OWNER)
public class DpuServiceChainReconciler extends MirrorReconciler<DPUServiceChain, DPUServiceChainStatus> {

  public DpuServiceChainReconciler(MirrorEngine<DPUServiceChain, DPUServiceChainStatus> engine) {
    super(engine);
  }
}
