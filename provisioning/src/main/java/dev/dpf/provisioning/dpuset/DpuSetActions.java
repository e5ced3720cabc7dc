package dev.dpf.provisioning.dpuset;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/**
 * The DPUSet controller's writes to DPUs, each with upstream's event (reference 2.2): create ({@code SuccessfulCreate}
 * / {@code FailedCreate}), delete ({@code SuccessfulDelete} / {@code FailedDelete}) and the add-only merge of
 * {@code spec.cluster.nodeLabels}. Failures are thrown as {@link KubernetesClientException} after the event.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus"}, verbs = {"create", "delete", "patch"})
final class DpuSetActions {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final EventRecorder events;

  DpuSetActions(EventRecorder events) {
    this.events = events;
  }

  /**
   * Creates DPU {@code index} of {@code node}. A DPU of that name that already exists and is controlled by this
   * DPUSet (created by an earlier pass the cache did not show yet) counts as created.
   */
  void create(KubernetesClient client, DPUSet set, DPU dpu, String node, int index) {
    String ns = dpu.getMetadata().getNamespace();
    String name = dpu.getMetadata().getName();
    try {
      client.resource(dpu).create();
      events.normal(set, DPUSet.EVENT_SUCCESSFUL_CREATE, "Created DPU: (" + ns + "/" + name + ")");
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        DPU existing = client.resources(DPU.class).inNamespace(ns).withName(name).get();
        if (existing != null && controlledBy(existing, set)) {
          return;
        }
        KubernetesClientException conflict = new KubernetesClientException("DPU " + ns + "/" + name
            + " already exists and is not controlled by this DPUSet", 409, null);
        failedCreate(set, node, index, conflict.getMessage());
        throw conflict;
      }
      failedCreate(set, node, index, message(e));
      throw e;
    }
  }

  /** Records {@code FailedCreate} for a DPU that could not be built or created. */
  void failedCreate(DPUSet set, String node, int index, String error) {
    events.warning(set, DPUSet.EVENT_FAILED_CREATE, "failed to created DPU index " + index + " on node " + node + " "
        + error);
  }

  /** Deletes a DPU (already gone counts as deleted). */
  void delete(KubernetesClient client, DPUSet set, DPU dpu) {
    String ns = dpu.getMetadata().getNamespace();
    String name = dpu.getMetadata().getName();
    String node = dpu.getSpec() == null ? "" : dpu.getSpec().getNodeName();
    try {
      client.resources(DPU.class).inNamespace(ns).withName(name).delete();
      events.normal(set, DPUSet.EVENT_SUCCESSFUL_DELETE, "Delete DPU: (" + ns + "/" + name + ") from node " + node);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return;
      }
      events.warning(set, DPUSet.EVENT_FAILED_DELETE, "Failed to Delete DPU: (" + ns + "/" + name + ") from node "
          + node);
      throw e;
    }
  }

  /** Merges {@code labels} into the DPU's {@code spec.cluster.nodeLabels} (a JSON merge patch: other keys stay). */
  void addNodeLabels(KubernetesClient client, DPU dpu, Map<String, String> labels) {
    String patch = SERIALIZATION.asJson(Map.of("spec", Map.of("cluster", Map.of("nodeLabels", labels))));
    client.resources(DPU.class).inNamespace(dpu.getMetadata().getNamespace()).withName(dpu.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  static boolean controlledBy(DPU dpu, DPUSet set) {
    if (dpu.getMetadata().getOwnerReferences() == null) {
      return false;
    }
    for (OwnerReference ref : dpu.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(ref.getController()) && set.getMetadata().getUid().equals(ref.getUid())) {
        return true;
      }
    }
    return false;
  }

  /** The API server's message of a failed call (its status message when there is one). */
  static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
