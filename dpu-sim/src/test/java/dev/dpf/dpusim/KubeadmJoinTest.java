package dev.dpf.dpusim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KubeadmJoinTest {

  private static final String HASH = "sha256:" + "ab".repeat(32);

  @Test
  void parsesTheUpstreamBfCfgForms() throws Exception {
    String cfg = String.join("\n",
        "runcmd:",
        "  - hostnamectl set-hostname dpu-node-a-0000-4b-00",
        "  - modprobe br_netfilter",
        "write_files:",
        "  - path: /opt/dpf/join_k8s_cluster.sh",
        "    content: |",
        "      kubeadm join 10.0.110.254:31467 --token abcdef.0123456789abcdef "
            + "--discovery-token-ca-cert-hash " + HASH + " --v=5",
        "");

    KubeadmJoin.Spec spec = KubeadmJoin.parse(cfg);

    assertThat(spec.hostname()).isEqualTo("dpu-node-a-0000-4b-00");
    assertThat(spec.endpoint()).isEqualTo("10.0.110.254:31467");
    assertThat(spec.tokenId()).isEqualTo("abcdef");
    assertThat(spec.tokenSecret()).isEqualTo("0123456789abcdef");
    assertThat(spec.caCertHash()).isEqualTo(HASH);
    assertThat(spec.toString()).doesNotContain("0123456789abcdef");
  }

  @Test
  void acceptsListFormAndLineContinuations() throws Exception {
    String cfg = "runcmd:\n  - [ hostnamectl, set-hostname, dpu-a ]\n"
        + "kubeadm join 127.0.0.1:6443 \\\n  --token abc123.abcdefghijklmnop \\\n"
        + "  --discovery-token-ca-cert-hash " + HASH + "\n";

    KubeadmJoin.Spec spec = KubeadmJoin.parse(cfg);

    assertThat(spec.hostname()).isEqualTo("dpu-a");
    assertThat(spec.endpoint()).isEqualTo("127.0.0.1:6443");
  }

  @Test
  void rejectsIncompleteConfigurations() {
    assertThatThrownBy(() -> KubeadmJoin.parse("kubeadm join a:1 --token abcdef.0123456789abcdef"))
        .hasMessageContaining("no hostname");
    assertThatThrownBy(() -> KubeadmJoin.parse("hostnamectl set-hostname a\n"))
        .hasMessageContaining("no kubeadm join command");
    assertThatThrownBy(() -> KubeadmJoin.parse("hostnamectl set-hostname a\nkubeadm join a:1 --token bad\n"))
        .hasMessageContaining("--token");
    assertThatThrownBy(() -> KubeadmJoin.parse(
        "hostnamectl set-hostname a\nkubeadm join a:1 --token abcdef.0123456789abcdef\n"))
        .hasMessageContaining("--discovery-token-ca-cert-hash");
  }
}
