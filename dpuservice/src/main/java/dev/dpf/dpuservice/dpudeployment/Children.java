package dev.dpf.dpuservice.dpudeployment;

import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;

/** Writes of generated objects: server-side apply (field owner {@code dpudeploymentcontroller}), pause, delete. */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservices", "dpuserviceinterfaces", "dpuservicechains"},
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpusets"},
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"})
final class Children {

  /** The kinds a DPUDeployment generates, in deletion order (12.12). */
  static final List<Class<? extends HasMetadata>> FIRST_WAVE =
      List.of(DPUServiceChain.class, DPUServiceInterface.class, DPUService.class);

  private final KubernetesClient client;

  Children(KubernetesClient client) {
    this.client = client;
  }

  <T extends HasMetadata> T apply(T desired) {
    return client.resource(desired).fieldManager(DPUDeployment.FIELD_OWNER).forceConflicts().serverSideApply();
  }

  /** Sets {@code spec.paused} of a DPUService revision (merge patch: it must not take over the applied fields). */
  void setPaused(DPUService service, boolean paused) {
    if (service.paused() == paused) {
      return;
    }
    client.resources(DPUService.class).inNamespace(service.getMetadata().getNamespace())
        .withName(service.getMetadata().getName())
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
            .withFieldManager(DPUDeployment.FIELD_OWNER).build(), "{\"spec\":{\"paused\":" + paused + "}}");
  }

  void delete(HasMetadata obj) {
    client.resource(obj).delete();
  }

  /** Deletes every object of a kind owned by the DPUDeployment (deletecollection by the owner label). */
  void deleteAll(Class<? extends HasMetadata> kind, DPUDeployment dep) {
    client.resources(kind).inNamespace(dep.getMetadata().getNamespace())
        .withLabel(ServiceLabels.OWNED_BY_DPUDEPLOYMENT, dep.ownerLabelValue()).delete();
  }

  /** The objects of a kind still owned by the DPUDeployment, read from the API server (not the cache). */
  <T extends HasMetadata> List<T> remaining(Class<T> kind, DPUDeployment dep) {
    return client.resources(kind).inNamespace(dep.getMetadata().getNamespace())
        .withLabel(ServiceLabels.OWNED_BY_DPUDEPLOYMENT, dep.ownerLabelValue()).list().getItems();
  }

  static String kindName(Class<? extends HasMetadata> kind) {
    return kind == DPUSet.class ? "DPUSet" : kind.getSimpleName();
  }
}
