package dev.dpf.servicechain.dpuserviceipam;

import dev.dpf.api.svc.v1alpha1.DPUServiceIPAM;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAMStatus;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.servicechain.mirror.MirrorEngine;
import dev.dpf.servicechain.mirror.MirrorReconciler;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;

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
public class DpuServiceIpamReconciler extends MirrorReconciler<DPUServiceIPAM, DPUServiceIPAMStatus> {

  public DpuServiceIpamReconciler(MirrorEngine<DPUServiceIPAM, DPUServiceIPAMStatus> engine) {
    super(engine);
  }
}
