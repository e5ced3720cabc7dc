package dev.dpf.dpusim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.dms.DmsClient;
import dev.dpf.dms.DmsTls;
import dev.dpf.dms.DpuRef;
import dev.dpf.dms.RebootState;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import dev.dpf.testing.LocalControlPlane;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flashed DPU joins its DPU cluster: the simulated cloud-init/kubeadm join checks the bootstrap token and the CA
 * pin against a real DPU-cluster API server and registers the Node there. The client's TLS material comes from the
 * Secrets the fleet publishes into the host cluster, as the DPU controller reads them.
 */
@KubeTest
class JoinTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path dir;
  private KubeTestContext kube;
  private KubernetesClient dpuCluster;
  private String endpoint;
  private Fleet fleet;
  private String dpuName;
  private String tokenId;

  @BeforeEach
  void start(KubeTestContext kube) {
    this.kube = kube;
    LocalControlPlane plane = kube.dpuCluster(1);
    dpuCluster = kube.dpuClient(1);
    endpoint = URI.create(plane.url()).getAuthority();
    fleet = Fleet.builder()
        .dpuClusters(e -> e.equals(endpoint) ? dpuCluster : null)
        .rebootTime(Duration.ofMillis(200))
        .cloudInitDelay(Duration.ofMillis(100))
        .joinRetryInterval(Duration.ofMillis(300))
        .build();
    dpuName = "dpu-" + kube.namespace();
    fleet.addDpu(dpuName, "host-1");
    fleet.publishSecrets(kube.client(), kube.namespace());
  }

  @AfterEach
  void stop() {
    fleet.close();
    dpuCluster.nodes().withName(dpuName).delete();
    if (tokenId != null) {
      dpuCluster.secrets().inNamespace("kube-system").withName("bootstrap-token-" + tokenId).delete();
    }
  }

  @Test
  void flashedDpuRegistersItsNode() throws Exception {
    String secret = createToken();
    String caHash = KubeadmJoin.caCertHash(kube.dpuCluster(1).ca().certificate());

    RebootState state = flash(bfCfg(dpuName, endpoint, tokenId + "." + secret, caHash));

    assertThat(state.outcome()).isEqualTo(RebootState.Outcome.SUCCESS);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Node node = dpuCluster.nodes().withName(dpuName).get();
      assertThat(node).isNotNull();
      assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/arch", "arm64")
          .containsEntry("kubernetes.io/os", "linux").containsEntry("kubernetes.io/hostname", dpuName);
      assertThat(node.getStatus().getConditions())
          .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
      assertThat(node.getStatus().getNodeInfo().getArchitecture()).isEqualTo("arm64");
    });
    SimulatedDpu dpu = fleet.dpu(dpuName);
    assertThat(dpu.joins()).isEqualTo(1);
    assertThat(dpu.joinRejections()).isZero();
    assertThat(dpu.log()).anyMatch(l -> l.endsWith("kubeadm join " + endpoint + ": registered Node " + dpuName));
  }

  @Test
  void wrongCaHashIsRejected() throws Exception {
    String secret = createToken();
    String wrongHash = KubeadmJoin.caCertHash(FleetPki.newCa("not-the-cluster-ca", Duration.ofDays(1))
        .certificate());

    flash(bfCfg(dpuName, endpoint, tokenId + "." + secret, wrongHash));

    SimulatedDpu dpu = fleet.dpu(dpuName);
    await().atMost(Duration.ofSeconds(30)).until(() -> dpu.joinRejections() >= 2);
    assertThat(dpu.lastJoinError()).hasValueSatisfying(e -> assertThat(e)
        .startsWith("cluster CA doesn't match --discovery-token-ca-cert-hash " + wrongHash));
    assertThat(dpu.joined()).isFalse();
    assertThat(dpuCluster.nodes().withName(dpuName).get()).isNull();
  }

  @Test
  void unknownTokenIsRejected() throws Exception {
    String caHash = KubeadmJoin.caCertHash(kube.dpuCluster(1).ca().certificate());

    flash(bfCfg(dpuName, endpoint, "zzzzzz.0123456789abcdef", caHash));

    SimulatedDpu dpu = fleet.dpu(dpuName);
    await().atMost(Duration.ofSeconds(30)).until(() -> dpu.joinRejections() >= 1);
    assertThat(dpu.lastJoinError()).hasValue(
        "bootstrap token \"zzzzzz\" not found (no Secret kube-system/bootstrap-token-zzzzzz)");
    assertThat(dpuCluster.nodes().withName(dpuName).get()).isNull();
  }

  /** Flashes the DPU as the controller would, with TLS material from the published Secrets. */
  private RebootState flash(String bfCfg) throws Exception {
    DmsTls tls = DmsTls.fromSecrets(kube.client().secrets().withName(DmsTls.CLIENT_SECRET).get(),
        kube.client().secrets().withName(Fleet.serverSecretName(dpuName)).get());
    Path bfb = dir.resolve("bf-bundle.bfb");
    FlashTest.writeRandom(bfb, 300_000);
    try (DmsClient client = DmsClient.connect(
        fleet.endpoints().address(new DpuRef(kube.namespace(), dpuName)).orElseThrow(), tls, FlashTest.TIMEOUTS)) {
      client.setDpuMode();
      client.installFile("bf-bundle.bfb", bfb, null);
      client.installBytes(dpuName + ".cfg", bfCfg.getBytes(StandardCharsets.UTF_8), null);
      return client.activateAndAwaitReboot("bf-bundle.bfb;" + dpuName + ".cfg");
    }
  }

  /** A bootstrap token Secret as kubeadm (or the DPU controller) creates it; returns the token secret. */
  private String createToken() {
    tokenId = random(6);
    String secret = random(16);
    Map<String, String> data = Map.of(
        "token-id", tokenId,
        "token-secret", secret,
        "usage-bootstrap-authentication", "true",
        "usage-bootstrap-signing", "true",
        "auth-extra-groups", "system:bootstrappers:kubeadm:default-node-token",
        "expiration", Instant.now().plus(Duration.ofHours(24)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .toString());
    SecretBuilder builder = new SecretBuilder().withNewMetadata().withName("bootstrap-token-" + tokenId)
        .withNamespace("kube-system").endMetadata().withType(KubeadmJoin.TOKEN_SECRET_TYPE);
    data.forEach((k, v) -> builder.addToData(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    dpuCluster.secrets().inNamespace("kube-system").resource(builder.build()).create();
    return secret;
  }

  /** The parts of DPF's bf.cfg the DPU acts on (provisioning.md 9.7, 9.8). */
  static String bfCfg(String hostname, String endpoint, String token, String caHash) {
    return String.join("\n",
        "bfb_modify_os() {",
        "  mkdir -p /mnt/opt/dpf",
        "  cat <<'EOF' > /mnt/var/lib/cloud/seed/nocloud-net/user-data",
        "#cloud-config",
        "write_files:",
        "  - path: /opt/dpf/join_k8s_cluster.sh",
        "    permissions: '0755'",
        "    content: |",
        "      #!/bin/bash",
        "      kubeadm join " + endpoint + " --token " + token + " --discovery-token-ca-cert-hash " + caHash
            + " --v=5",
        "runcmd:",
        "  - hostnamectl set-hostname " + hostname,
        "  - systemctl enable kubeadm-join.service",
        "EOF",
        "}",
        "");
  }

  private static String random(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
