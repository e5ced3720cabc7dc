package dev.dpf.dpuservice.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpf.api.svc.v1alpha1.ApplicationSource;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceSpec;
import dev.dpf.api.svc.v1alpha1.HelmChart;
import dev.dpf.dpuservice.argocd.Applications.Target;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The desired Argo CD Application (reference 10.7, examples 16.1 and 16.4). */
class ApplicationsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void example16_1_dpuTargeted() throws Exception {
    DPUService service = service("doca-blueman-service", "dpf-operator-system",
        new ApplicationSource("https://helm.ngc.nvidia.com/nvidia/doca", "doca-blueman", "1.0.8"));
    GenericKubernetesResource app = Applications.desired(service, new Target("dpu-cplane-tenant1",
        "dpf-operator-system"), Map.of("serviceDaemonSet", Map.of()), "dpf-operator-system");
    assertThat(JSON.readTree(SERIALIZATION.asJson(app))).isEqualTo(JSON.readTree("""
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
         "metadata": {"name": "dpu-cplane-tenant1-doca-blueman-service", "namespace": "dpf-operator-system",
           "labels": {"dpu.nvidia.com/cluster": "dpu-cplane-tenant1",
                      "dpu.nvidia.com/cluster-namespace": "dpf-operator-system",
                      "dpu.nvidia.com/dpuservice-name": "doca-blueman-service",
                      "dpu.nvidia.com/dpuservice-namespace": "dpf-operator-system",
                      "dpu.nvidia.com/component": "dpuservice-manager"},
           "finalizers": ["resources-finalizer.argocd.argoproj.io"]},
         "spec": {"project": "doca-platform-project-dpu",
           "source": {"repoURL": "https://helm.ngc.nvidia.com/nvidia/doca", "chart": "doca-blueman",
                      "targetRevision": "1.0.8", "helm": {"valuesObject": {"serviceDaemonSet": {}}}},
           "destination": {"name": "dpu-cplane-tenant1", "namespace": "dpf-operator-system"},
           "syncPolicy": {"automated": {"prune": true, "selfHeal": true}}}}"""));
  }

  @Test
  void example16_4_inClusterWithOciAndReleaseNameAndPath() throws Exception {
    ApplicationSource source = new ApplicationSource("oci://registry.example.com/charts", "observer", "0.0.1");
    source.setReleaseName("obs");
    source.setPath("charts/observer");
    DPUService service = service("observer", "customer-namespace", source);
    GenericKubernetesResource app = Applications.desired(service, Target.IN_CLUSTER, Map.of(), "dpf-operator-system");
    assertThat(app.getMetadata().getName()).isEqualTo("in-cluster-observer");
    assertThat(app.getMetadata().getLabels()).containsEntry("dpu.nvidia.com/cluster", "in-cluster")
        .doesNotContainKey("dpu.nvidia.com/cluster-namespace");
    assertThat(tree(app.getAdditionalProperties().get("spec"))).isEqualTo(JSON.readTree("""
        {"project": "doca-platform-project-host",
         "source": {"repoURL": "registry.example.com/charts", "chart": "observer", "path": "charts/observer",
                    "targetRevision": "0.0.1", "helm": {"releaseName": "obs", "valuesObject": {}}},
         "destination": {"name": "in-cluster", "namespace": "customer-namespace"},
         "syncPolicy": {"automated": {"prune": true, "selfHeal": true}}}"""));
  }

  @Test
  void specComparisonIsSemantic() {
    assertThat(Applications.sameSpec(Map.of("a", 1, "b", Map.of("c", 2L)), Map.of("b", Map.of("c", 2), "a", 1)))
        .isTrue();
    assertThat(Applications.sameSpec(Map.of("a", 1), Map.of("a", 2))).isFalse();
  }

  static DPUService service(String name, String namespace, ApplicationSource source) {
    DPUService service = new DPUService();
    service.getMetadata().setName(name);
    service.getMetadata().setNamespace(namespace);
    DPUServiceSpec spec = new DPUServiceSpec();
    spec.setHelmChart(new HelmChart(source, null));
    service.setSpec(spec);
    return service;
  }

  static com.fasterxml.jackson.databind.JsonNode tree(Object o) {
    return JSON.valueToTree(o);
  }
}
