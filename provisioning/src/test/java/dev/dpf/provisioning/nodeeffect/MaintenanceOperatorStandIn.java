package dev.dpf.provisioning.nodeeffect;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for NVIDIA's maintenance operator, which does not run in tests: it writes what the operator writes on a
 * NodeMaintenance (its finalizer, the {@code Ready} condition once the Node is cordoned and drained) and finishes a
 * deletion by removing its finalizer (after uncordoning, in the real operator).
 */
final class MaintenanceOperatorStandIn {

  static final String FINALIZER = "maintenance.nvidia.com/finalizer";

  private final KubernetesClient client;

  MaintenanceOperatorStandIn(KubernetesClient client) {
    this.client = client;
  }

  GenericKubernetesResource get(String ns, String name) {
    return client.genericKubernetesResources(NodeMaintenances.API_VERSION, NodeMaintenances.KIND).inNamespace(ns)
        .withName(name).get();
  }

  /** The operator's first steps: its finalizer, then Ready=True with reason Ready. */
  void drainCompleted(String ns, String name) {
    client.genericKubernetesResources(NodeMaintenances.API_VERSION, NodeMaintenances.KIND).inNamespace(ns)
        .withName(name).edit(nm -> {
          List<String> finalizers = new ArrayList<>(nm.getMetadata().getFinalizers());
          if (!finalizers.contains(FINALIZER)) {
            finalizers.add(FINALIZER);
          }
          nm.getMetadata().setFinalizers(finalizers);
          return nm;
        });
    client.genericKubernetesResources(NodeMaintenances.API_VERSION, NodeMaintenances.KIND).inNamespace(ns)
        .withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"Ready\","
                + "\"message\":\"\",\"lastTransitionTime\":\"2024-12-02T10:05:00Z\"}]}}");
  }

  /** Ready=False with a phase reason, as while cordoning or draining. */
  void inProgress(String ns, String name, String reason) {
    client.genericKubernetesResources(NodeMaintenances.API_VERSION, NodeMaintenances.KIND).inNamespace(ns)
        .withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"" + reason + "\","
                + "\"message\":\"\",\"lastTransitionTime\":\"2024-12-02T10:05:00Z\"}]}}");
  }

  /** Finishes a deletion: removes the operator's finalizer. */
  void finishDeletion(String ns, String name) {
    client.genericKubernetesResources(NodeMaintenances.API_VERSION, NodeMaintenances.KIND).inNamespace(ns)
        .withName(name).edit(nm -> {
          nm.getMetadata().setFinalizers(new ArrayList<>(nm.getMetadata().getFinalizers().stream()
              .filter(f -> !FINALIZER.equals(f)).toList()));
          return nm;
        });
  }
}
