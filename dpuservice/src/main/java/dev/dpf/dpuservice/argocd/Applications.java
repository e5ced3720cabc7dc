package dev.dpf.dpuservice.argocd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpf.api.svc.v1alpha1.ApplicationSource;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Argo CD Application of a DPUService in one target cluster (reference 10.7): the desired object and the few
 * fields of an existing one the controller reads. No owner reference links it to the DPUService (it lives in the
 * operator namespace); the labels {@code dpu.nvidia.com/dpuservice-name/-namespace} are the link.
 */
public final class Applications {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where an Application deploys: a DPU cluster (DPUCluster name and namespace) or the host cluster
   * ({@code in-cluster}, namespace null).
   */
  public record Target(String clusterName, String clusterNamespace) {
    public static final Target IN_CLUSTER = new Target(DPUService.IN_CLUSTER, null);

    public boolean inCluster() {
      return clusterNamespace == null;
    }
  }

  private Applications() {}

  /** {@code <clusterName>-<dpuServiceName>}. */
  public static String name(Target target, DPUService service) {
    return DPUService.applicationName(target.clusterName(), service.getMetadata().getName());
  }

  /** The labels every Application of this DPUService carries in this target. */
  public static Map<String, String> labels(Target target, DPUService service) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ServiceLabels.CLUSTER, target.clusterName());
    if (!target.inCluster()) {
      labels.put(ServiceLabels.CLUSTER_NAMESPACE, target.clusterNamespace());
    }
    labels.put(ServiceLabels.DPUSERVICE_NAME, service.getMetadata().getName());
    labels.put(ServiceLabels.DPUSERVICE_NAMESPACE, service.getMetadata().getNamespace());
    labels.put(ServiceLabels.COMPONENT, ServiceLabels.COMPONENT_DPUSERVICE_MANAGER);
    return labels;
  }

  /** The desired Application; {@code values} is the merged Helm values of 10.6. */
  public static GenericKubernetesResource desired(DPUService service, Target target, Map<String, Object> values,
      String operatorNamespace) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(ArgoCd.API_VERSION)
        .withKind(ArgoCd.APPLICATION)
        .withNewMetadata()
          .withName(name(target, service))
          .withNamespace(operatorNamespace)
          .withLabels(labels(target, service))
          .withFinalizers(ServiceLabels.ARGOCD_RESOURCES_FINALIZER)
        .endMetadata()
        .addToAdditionalProperties("spec", spec(service, target, values))
        .build();
  }

  /** The desired {@code spec}. */
  public static Map<String, Object> spec(DPUService service, Target target, Map<String, Object> values) {
    ApplicationSource src = service.getSpec().getHelmChart().getSource();
    Map<String, Object> helm = new LinkedHashMap<>();
    if (notEmpty(src.getReleaseName())) {
      helm.put("releaseName", src.getReleaseName());
    }
    helm.put("valuesObject", values);
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", src.argoRepoURL());
    if (notEmpty(src.getChart())) {
      source.put("chart", src.getChart());
    }
    if (notEmpty(src.getPath())) {
      source.put("path", src.getPath());
    }
    source.put("targetRevision", src.getVersion());
    source.put("helm", helm);
    Map<String, Object> destination = new LinkedHashMap<>();
    destination.put("name", target.clusterName());
    destination.put("namespace", service.getMetadata().getNamespace());
    Map<String, Object> automated = new LinkedHashMap<>();
    automated.put("prune", true);
    automated.put("selfHeal", true);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", target.inCluster() ? DPUService.APP_PROJECT_HOST : DPUService.APP_PROJECT_DPU);
    spec.put("source", source);
    spec.put("destination", destination);
    spec.put("syncPolicy", Map.of("automated", automated));
    return spec;
  }

  /** Semantic equality of two specs (parsed JSON: key order and number representation do not matter). */
  public static boolean sameSpec(Object a, Object b) {
    return Objects.equals(normalize(a), normalize(b));
  }

  /** Whether the existing Application has the desired spec, labels and finalizer and is not paused. */
  public static boolean upToDate(GenericKubernetesResource existing, GenericKubernetesResource desired) {
    if (skipReconcile(existing)) {
      return false;
    }
    Map<String, String> labels = existing.getMetadata().getLabels();
    boolean labelsOk = labels != null && labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet());
    List<String> finalizers = existing.getMetadata().getFinalizers();
    boolean finalizerOk = finalizers != null && finalizers.contains(ServiceLabels.ARGOCD_RESOURCES_FINALIZER);
    return labelsOk && finalizerOk
        && sameSpec(existing.getAdditionalProperties().get("spec"), desired.getAdditionalProperties().get("spec"));
  }

  /** Whether {@code argocd.argoproj.io/skip-reconcile} is {@code "true"}. */
  public static boolean skipReconcile(GenericKubernetesResource app) {
    Map<String, String> annotations = app.getMetadata().getAnnotations();
    return annotations != null && "true".equals(annotations.get(ServiceLabels.ARGOCD_SKIP_RECONCILE));
  }

  /** {@code status.sync.status}, or "" when absent. */
  public static String syncStatus(GenericKubernetesResource app) {
    return statusField(app, "sync");
  }

  /** {@code status.health.status}, or "" when absent. */
  public static String healthStatus(GenericKubernetesResource app) {
    return statusField(app, "health");
  }

  private static String statusField(GenericKubernetesResource app, String section) {
    Object status = app.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> s && s.get(section) instanceof Map<?, ?> sec && sec.get("status") != null) {
      return String.valueOf(sec.get("status"));
    }
    return "";
  }

  private static JsonNode normalize(Object o) {
    try {
      return JSON.readTree(JSON.writeValueAsString(o));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
