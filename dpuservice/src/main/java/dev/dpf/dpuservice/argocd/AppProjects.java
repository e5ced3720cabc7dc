package dev.dpf.dpuservice.argocd;

import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two Argo CD AppProjects of DPF (reference 10.4.3): {@code doca-platform-project-dpu} with one destination per
 * DPU cluster (by DPUCluster name) and {@code doca-platform-project-host} with the host cluster ({@code in-cluster}).
 */
public final class AppProjects {

  private AppProjects() {}

  /** The DPU project; {@code clusterNames} in a stable (sorted) order. */
  public static GenericKubernetesResource dpuProject(List<String> clusterNames, String operatorNamespace,
      HasMetadata owner) {
    List<Object> destinations = new ArrayList<>();
    for (String name : clusterNames) {
      destinations.add(destination(name));
    }
    return project(DPUService.APP_PROJECT_DPU, destinations, operatorNamespace, owner);
  }

  /** The host project (destination {@code in-cluster}). */
  public static GenericKubernetesResource hostProject(String operatorNamespace, HasMetadata owner) {
    return project(DPUService.APP_PROJECT_HOST, List.of(destination(DPUService.IN_CLUSTER)), operatorNamespace,
        owner);
  }

  private static Map<String, Object> destination(String name) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", name);
    d.put("namespace", "*");
    return d;
  }

  private static GenericKubernetesResource project(String name, List<Object> destinations, String namespace,
      HasMetadata owner) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("description", "Installing DPU Services");
    spec.put("sourceRepos", List.of("*"));
    spec.put("destinations", destinations);
    spec.put("clusterResourceWhitelist", List.of(Map.of("group", "*", "kind", "*")));
    spec.put("orphanedResources", Map.of());
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(ArgoCd.API_VERSION)
        .withKind(ArgoCd.APP_PROJECT)
        .withNewMetadata()
          .withName(name)
          .withNamespace(namespace)
          .addToLabels(ServiceLabels.COMPONENT, ServiceLabels.COMPONENT_DPUSERVICE_MANAGER)
          .withOwnerReferences(Owners.controllerReference(owner))
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }
}
