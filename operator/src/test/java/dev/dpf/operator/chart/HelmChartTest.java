package dev.dpf.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operator's Helm chart: lint, render with several value sets, install onto the real control plane. */
@KubeTest
class HelmChartTest {

  static final Path CHART = Path.of(System.getProperty("dpf.root", "..")).resolve("charts/dpf-operator");
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static List<HasMetadata> render(Map<String, Object> values) {
    var template = new Helm(CHART).template().withName("dpf").withNamespace("dpf-operator-system")
        .withKubeVersion("1.34.4");
    values.forEach(template::set);
    String yaml = template.call();
    return Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.contains("kind:"))
        .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(doc))
        .toList();
  }

  @Test
  void lintsClean() {
    LintResult result = new Helm(CHART).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void rendersAHardenedDeploymentWithProbesAndLeastPrivilegeRbac() {
    List<HasMetadata> objects = render(Map.of());
    Map<String, Long> kinds = objects.stream().collect(Collectors.groupingBy(HasMetadata::getKind,
        Collectors.counting()));
    assertThat(kinds).containsEntry("Deployment", 1L).containsEntry("ServiceAccount", 2L)
        .containsEntry("ClusterRole", 2L).containsEntry("ClusterRoleBinding", 2L).containsEntry("Role", 1L)
        .containsEntry("RoleBinding", 1L).containsEntry("Service", 1L);
    Deployment deployment = (Deployment) objects.stream().filter(o -> o instanceof Deployment).findFirst().orElseThrow();
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container manager = pod.getContainers().get(0);
    assertThat(manager.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(manager.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(manager.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(manager.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(manager.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(manager.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(manager.getArgs()).contains("--leader-elect=true", "--log-format=json", "--bfb-pvc-name=bfb-pvc",
        "--config-namespace=$(POD_NAMESPACE)", "--config-name=dpfoperatorconfig");
    assertThat(manager.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("DPF_AGENT_IMAGE");
      assertThat(e.getValue()).startsWith("ghcr.io/dpf-java/dpf-dpu-agent:");
    });
    assertThat(manager.getEnv()).noneMatch(e -> e.getName().equals("DPF_MULTUS_IMAGE"));
    ClusterRole role = (ClusterRole) objects.stream()
        .filter(o -> o instanceof ClusterRole && o.getMetadata().getName().equals("dpf-dpf-operator"))
        .findFirst().orElseThrow();
    assertThat(role.getRules()).noneMatch(r -> r.getVerbs().contains("*") || r.getResources().contains("*"));
  }

  @Test
  void valuesChangeImageReplicasResourcesLogLevelAndWatchedNamespaces() {
    List<HasMetadata> objects = render(Map.of("image.repository", "registry.local:5000/dpf", "image.tag", "1.2.3",
        "replicas", 2, "logLevel", "DEBUG", "watchNamespaces[0]", "dpf-operator-system",
        "watchNamespaces[1]", "tenant-a", "resources.limits.memory", "2Gi", "bfb.pvcName", "",
        "provisioning.dmsImage", "registry.local:5000/dms:24.10", "provisioning.cloudInitTimeout", "30"));
    Deployment deployment = (Deployment) objects.stream().filter(o -> o instanceof Deployment).findFirst().orElseThrow();
    Container manager = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(manager.getImage()).isEqualTo("registry.local:5000/dpf:1.2.3");
    assertThat(manager.getArgs()).contains("--log-level=DEBUG", "--watch-namespaces=dpf-operator-system,tenant-a",
        "--bfb-pvc-name=");
    assertThat(manager.getResources().getLimits().get("memory").toString()).isEqualTo("2Gi");
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes().get(0).getEmptyDir()).isNotNull();
    assertThat(manager.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("DPF_DMS_IMAGE");
      assertThat(e.getValue()).isEqualTo("registry.local:5000/dms:24.10");
    }).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("CLOUD_INIT_TIMEOUT");
      assertThat(e.getValue()).isEqualTo("30");
    }).noneMatch(e -> e.getName().equals("DPF_HOSTNETWORK_IMAGE"));
  }

  @Test
  void leaderElectionOffDropsTheRole() {
    List<HasMetadata> objects = render(Map.of("leaderElection.enabled", false));
    assertThat(objects).noneMatch(o -> o.getKind().equals("Role"));
  }

  @Test
  void installsOntoTheRealControlPlane(KubeTestContext kube) throws Exception {
    Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(kubeconfig, kube.host().adminKubeconfig());
    Release release = new Helm(CHART).install().withName("dpf").withNamespace(kube.namespace())
        .withKubeConfig(kubeconfig).skipCrds().call();
    assertThat(release.getStatus()).isEqualTo("deployed");
    assertThat(kube.client().apps().deployments().withName("dpf-dpf-operator").get()).isNotNull();
    assertThat(kube.client().rbac().clusterRoles().withName("dpf-dpf-operator").get().getRules()).isNotEmpty();
    Helm.uninstall("dpf").withNamespace(kube.namespace()).withKubeConfig(kubeconfig).call();
    Files.deleteIfExists(kubeconfig);
  }
}
