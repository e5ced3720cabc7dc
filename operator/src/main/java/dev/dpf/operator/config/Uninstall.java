package dev.dpf.operator.config;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequest;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAM;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The staged uninstall of reference §4.9: the objects of each stage are deleted, and the next stage starts only when
 * no object of the previous stage is left (in the watched namespaces, i.e. cluster-wide by default):
 * <ol>
 *   <li>DPUDeployment (so nothing gets re-created), with DPUServiceTemplate and DPUServiceConfiguration (added by
 *       later releases; their finalizers wait for the DPUDeployments anyway);</li>
 *   <li>DPUServiceChain, DPUServiceInterface, DPUServiceIPAM (their cleanup needs the system DPUServices);</li>
 *   <li>DPUService (system DPUServices included), DPUServiceCredentialRequest;</li>
 *   <li>DPUCluster, DPUSet, BFB, DPUFlavor.</li>
 * </ol>
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpudeployments", "dpuservicetemplates",
    "dpuserviceconfigurations", "dpuservicechains", "dpuserviceinterfaces", "dpuserviceipams", "dpuservices",
    "dpuservicecredentialrequests"}, verbs = {"list", "delete"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters", "dpusets", "bfbs", "dpuflavors"},
    verbs = {"list", "delete"})
final class Uninstall {

  static final List<List<Class<? extends HasMetadata>>> STAGES = List.of(
      List.of(DPUDeployment.class, DPUServiceTemplate.class, DPUServiceConfiguration.class),
      List.of(DPUServiceChain.class, DPUServiceInterface.class, DPUServiceIPAM.class),
      List.of(DPUService.class, DPUServiceCredentialRequest.class),
      List.of(DPUCluster.class, DPUSet.class, BFB.class, DPUFlavor.class));

  /**
   * A stage that still has objects.
   *
   * @param stage 1-based stage number
   * @param message {@code <n> instances of resource Kind <gvk> still exist.} per kind (Go aggregate format)
   * @param deleted how many objects this call asked the API server to delete
   * @param kinds the kinds of the stage
   */
  record Waiting(int stage, String message, int deleted, List<String> kinds) {}

  private final KubernetesClient client;
  private final Set<String> namespaces;

  /** @param namespaces where to delete; empty means all namespaces */
  Uninstall(KubernetesClient client, Set<String> namespaces) {
    this.client = client;
    this.namespaces = namespaces;
  }

  /** Deletes the first stage that still has objects; empty when every stage is empty. */
  Optional<Waiting> run() {
    for (int i = 0; i < STAGES.size(); i++) {
      int deleted = 0;
      for (Class<? extends HasMetadata> kind : STAGES.get(i)) {
        for (HasMetadata object : list(kind)) {
          if (object.getMetadata().getDeletionTimestamp() == null) {
            client.resource(object).delete();
            deleted++;
          }
        }
      }
      List<String> remaining = new ArrayList<>();
      for (Class<? extends HasMetadata> kind : STAGES.get(i)) {
        int n = list(kind).size();
        if (n > 0) {
          remaining.add(n + " instances of resource Kind " + gvk(kind) + " still exist.");
        }
      }
      if (!remaining.isEmpty()) {
        return Optional.of(new Waiting(i + 1, aggregate(remaining), deleted,
            STAGES.get(i).stream().map(HasMetadata::getKind).toList()));
      }
    }
    return Optional.empty();
  }

  private List<? extends HasMetadata> list(Class<? extends HasMetadata> kind) {
    if (namespaces.isEmpty()) {
      return client.resources(kind).inAnyNamespace().list().getItems();
    }
    List<HasMetadata> all = new ArrayList<>();
    for (String ns : namespaces) {
      all.addAll(client.resources(kind).inNamespace(ns).list().getItems());
    }
    return all;
  }

  /** Go's {@code schema.GroupVersionKind.String()}: {@code <group>/<version>, Kind=<Kind>}. */
  static String gvk(Class<? extends HasMetadata> kind) {
    return HasMetadata.getGroup(kind) + "/" + HasMetadata.getVersion(kind) + ", Kind=" + HasMetadata.getKind(kind);
  }

  /** Go's error aggregate: one message as is, several as {@code [a, b]}. */
  static String aggregate(List<String> messages) {
    return messages.size() == 1 ? messages.get(0) : "[" + String.join(", ", messages) + "]";
  }
}
