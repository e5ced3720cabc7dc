package dev.dpf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestsTest {

  private static final Path SAMPLES = Path.of(System.getProperty("dpf.root", "..")).resolve("config/samples");

  @Test
  void theJarAndTheRepositoryHoldTheSameSamples() {
    List<String> fromJar = Manifests.load(null).stream().map(ManifestsTest::key).sorted().toList();
    List<String> fromRepo = Manifests.load(SAMPLES).stream().map(ManifestsTest::key).sorted().toList();
    assertThat(fromJar).isEqualTo(fromRepo).contains("DPFOperatorConfig/dpfoperatorconfig", "DPUCluster/dpu-cluster-1",
        "Secret/dpu-cluster-1-admin-kubeconfig", "BFB/bf-bundle", "DPUFlavor/dpf-provisioning-hbn", "DPUSet/dpuset",
        "DPUService/doca-hbn", "DPUServiceInterface/p0", "DPUServiceChain/hbn-to-fabric", "DPUServiceIPAM/pool1");
    assertThat(Manifests.load(SAMPLES)).allSatisfy(o ->
        assertThat(o.getMetadata().getNamespace()).isEqualTo("dpf-operator-system"));
  }

  @Test
  void adaptsTheSamplesAndOrdersThemByDependency() {
    Manifests.Plan plan = Manifests.prepare(Manifests.load(SAMPLES), "http://127.0.0.1:1234/b.bfb",
        List.of(new Manifests.DpuClusterInput("kubeconfig-1", "v1.34.4"),
            new Manifests.DpuClusterInput("kubeconfig-2", "v1.34.4")));
    List<String> kinds = plan.objects().stream().map(GenericKubernetesResource::getKind).distinct().toList();
    assertThat(kinds).startsWith("DPFOperatorConfig", "Secret", "DPUCluster", "BFB", "DPUFlavor")
        .endsWith("DPUSet");
    GenericKubernetesResource bfb = find(plan, "BFB", "bf-bundle");
    assertThat(spec(bfb).get("url")).isEqualTo("http://127.0.0.1:1234/b.bfb");
    GenericKubernetesResource second = find(plan, "DPUCluster", "dpu-cluster-2");
    assertThat(spec(second)).containsEntry("kubeconfig", "dpu-cluster-2-admin-kubeconfig")
        .containsEntry("version", "v1.34.4").containsEntry("maxNodes", 10);
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) find(plan, "Secret", "dpu-cluster-2-admin-kubeconfig")
        .getAdditionalProperties().get("data");
    assertThat(new String(Base64.getDecoder().decode((String) data.get("admin.conf")), StandardCharsets.UTF_8))
        .isEqualTo("kubeconfig-2");
    assertThat(plan.changes()).hasSize(3).anySatisfy(c -> assertThat(c).startsWith("BFB bf-bundle: spec.url https://"));
  }

  @Test
  void renumbering() {
    assertThat(Manifests.renumber("dpu-cluster-1", 3)).isEqualTo("dpu-cluster-3");
    assertThat(Manifests.renumber("dpu-cluster-1-admin-kubeconfig", 2)).isEqualTo("dpu-cluster-2-admin-kubeconfig");
    assertThat(Manifests.renumber("tenant", 2)).isEqualTo("tenant-2");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource o) {
    return (Map<String, Object>) o.getAdditionalProperties().get("spec");
  }

  private static GenericKubernetesResource find(Manifests.Plan plan, String kind, String name) {
    return plan.objects().stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
        .findFirst().orElseThrow();
  }

  private static String key(GenericKubernetesResource o) {
    return o.getKind() + "/" + o.getMetadata().getName();
  }
}
