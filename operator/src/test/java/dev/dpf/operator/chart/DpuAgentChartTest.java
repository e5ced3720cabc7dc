package dev.dpf.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.operator.config.ReleaseDefaults;
import dev.dpf.operator.config.SystemDpuServices;
import dev.dpf.operator.config.Variables;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node agent's DPU-mode chart (charts/dpf-dpu-agent), which the operator deploys as the sfc-controller
 * DPUService: it lints, and rendered with exactly the Helm values the operator generates it runs the agent image
 * with {@code --mode=dpu}, the pull secrets and the OVS run directory.
 */
class DpuAgentChartTest {

  static final Path CHART = Path.of(System.getProperty("dpf.root", "..")).resolve("charts/dpf-dpu-agent");
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void lintsClean() {
    LintResult result = new Helm(CHART).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void rendersTheAgentWithTheOperatorsValues() throws Exception {
    DPFOperatorConfig config = SERIALIZATION.unmarshal("""
        apiVersion: operator.dpu.nvidia.com/v1alpha1
        kind: DPFOperatorConfig
        metadata: {name: dpfoperatorconfig, namespace: dpf-operator-system}
        spec:
          imagePullSecrets: [dpf-pull-secret]
          provisioningController: {bfbPVCName: bfb-pvc}
          sfcController: {image: "registry.local:5000/dpf-dpu-agent:1.2.3"}
          overrides: {dpuOpenvSwitchRunPath: /run/openvswitch, kubernetesAPIServerVIP: 10.0.0.1,
                      kubernetesAPIServerPort: 6443}
        """, DPFOperatorConfig.class);
    Map<String, Object> values = SystemDpuServices.build(OperatorLabels.SFC_CONTROLLER,
        Variables.of(config, ReleaseDefaults.builtIn())).getSpec().getHelmChart().getValues();
    Path file = Files.createTempFile("values", ".yaml");
    Files.writeString(file, SERIALIZATION.asYaml(values));
    String yaml = new Helm(CHART).template().withName("sfc-controller").withNamespace("dpf-operator-system")
        .withValuesFile(file).call();
    Files.deleteIfExists(file);
    List<HasMetadata> objects = Arrays.stream(yaml.split("(?m)^---\\s*$")).filter(d -> d.contains("kind:"))
        .map(d -> (HasMetadata) SERIALIZATION.unmarshal(d)).toList();
    assertThat(objects).extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "DaemonSet");
    DaemonSet ds = (DaemonSet) objects.stream().filter(o -> o instanceof DaemonSet).findFirst().orElseThrow();
    var pod = ds.getSpec().getTemplate().getSpec();
    Container manager = pod.getContainers().get(0);
    assertThat(manager.getImage()).isEqualTo("registry.local:5000/dpf-dpu-agent:1.2.3");
    assertThat(manager.getArgs()).containsExactly("--mode=dpu", "--health-probe-bind-address=:18082");
    assertThat(manager.getEnv()).extracting("name").containsExactly("NODE_NAME", "KUBERNETES_SERVICE_HOST",
        "KUBERNETES_SERVICE_PORT");
    assertThat(manager.getSecurityContext().getPrivileged()).isTrue();
    assertThat(pod.getImagePullSecrets()).extracting("name").containsExactly("dpf-pull-secret");
    assertThat(pod.getVolumes().get(0).getHostPath().getPath()).isEqualTo("/run/openvswitch");
    assertThat(pod.getHostNetwork()).isTrue();
  }
}
