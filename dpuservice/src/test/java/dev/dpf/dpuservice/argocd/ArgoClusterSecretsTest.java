package dev.dpf.dpuservice.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.common.cluster.DpuClusterAccessException;
import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The Argo CD cluster Secret (reference 10.4.2). */
class ArgoClusterSecretsTest {

  static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      clusters:
      - name: whatever
        cluster: {server: "https://10.0.110.10:6443", certificate-authority-data: Q0E=}
      users:
      - name: admin
        user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ}
      contexts:
      - name: c
        context: {cluster: whatever, user: admin}
      current-context: c
      """;

  @Test
  void formatOf10_4_2() throws Exception {
    DPFOperatorConfig owner = new DPFOperatorConfig();
    owner.getMetadata().setName("dpfoperatorconfig");
    owner.getMetadata().setNamespace("dpf-operator-system");
    owner.getMetadata().setUid("uid-1");
    Secret secret = ArgoClusterSecrets.desired(new ClusterRef("dpf-operator-system", "dpu-cplane-tenant1", "u",
        "k"), KUBECONFIG, "dpf-operator-system", owner);
    assertThat(secret.getMetadata().getName()).isEqualTo("dpf-operator-system-dpu-cplane-tenant1");
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("argocd.argoproj.io/secret-type", "cluster")
        .containsEntry("dpu.nvidia.com/cluster", "dpu-cplane-tenant1")
        .containsEntry("dpu.nvidia.com/cluster-namespace", "dpf-operator-system")
        .containsEntry("dpu.nvidia.com/component", "dpuservice-manager");
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("DPFOperatorConfig");
      assertThat(o.getController()).isTrue();
    });
    assertThat(decode(secret, "name")).isEqualTo("dpu-cplane-tenant1");
    assertThat(decode(secret, "server")).isEqualTo("https://10.0.110.10:6443");
    assertThat(new ObjectMapper().readTree(decode(secret, "config"))).isEqualTo(new ObjectMapper().readTree(
        "{\"tlsClientConfig\":{\"caData\":\"Q0E=\",\"keyData\":\"S0VZ\",\"certData\":\"Q0VSVA==\"}}"));
  }

  @Test
  void tokenKubeconfigIsRefusedWithoutLeakingIt() {
    String token = KUBECONFIG.replace("{client-certificate-data: Q0VSVA==, client-key-data: S0VZ}",
        "{token: s3cr3t-token}");
    assertThatThrownBy(() -> ArgoClusterSecrets.desired(new ClusterRef("ns", "c1", "u", "k"), token, "ns",
        new DPFOperatorConfig()))
        .isInstanceOf(DpuClusterAccessException.class)
        .hasMessageContaining("client-certificate")
        .hasMessageNotContaining("s3cr3t");
  }

  static String decode(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
