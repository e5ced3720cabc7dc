package dev.dpf.provisioning.dpucluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.common.cluster.DpuClusterAccessException;
import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.cluster.DpuClusterRuntime;
import dev.dpf.common.cluster.Kubeconfigs;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Join data against a real DPU-cluster API server ({@code kube.dpuCluster(1)}). */
@KubeTest
class KubeadmJoinTest {

  static final Pattern COMMAND = Pattern.compile("kubeadm join (127\\.0\\.0\\.1:\\d+) --token ([a-z0-9]{6})\\."
      + "([a-z0-9]{16}) --discovery-token-ca-cert-hash sha256:([0-9a-f]{64}) --v=5");

  KubeTestContext kube;
  DpuClusterClients clients;
  KubernetesClient dpu;

  @BeforeEach
  void start(KubeTestContext kube) {
    this.kube = kube;
    this.clients = new DpuClusterClients(kube.client(), Clock.systemUTC());
    this.dpu = kube.dpuClient(1);
  }

  @AfterEach
  void stop() {
    dpu.secrets().inNamespace("kube-system").withField("type", KubeadmJoin.TOKEN_SECRET_TYPE).delete();
    clients.close();
  }

  @Test
  void createsABootstrapTokenAndTheJoinCommand() throws Exception {
    DPUCluster cluster = DpuClusterFixtures.staticCluster(kube, 1, "join");
    Instant before = Instant.now();
    KubeadmJoin.JoinCommand join = new KubeadmJoin(clients, Clock.systemUTC()).create(DpuClusterRuntime.ref(cluster));

    Matcher m = COMMAND.matcher(join.command());
    assertThat(m.matches()).as(join.command()).isTrue();
    assertThat(m.group(1)).isEqualTo(kube.dpuCluster(1).url().substring("https://".length()));
    assertThat(join.token().id()).isEqualTo(m.group(2));
    assertThat(join.toString()).doesNotContain(m.group(3));

    Secret secret = dpu.secrets().inNamespace("kube-system").withName("bootstrap-token-" + m.group(2)).get();
    assertThat(secret).isNotNull();
    assertThat(secret.getType()).isEqualTo("bootstrap.kubernetes.io/token");
    assertThat(decode(secret, "token-id")).isEqualTo(m.group(2));
    assertThat(decode(secret, "token-secret")).isEqualTo(m.group(3));
    assertThat(decode(secret, "usage-bootstrap-authentication")).isEqualTo("true");
    assertThat(decode(secret, "usage-bootstrap-signing")).isEqualTo("true");
    assertThat(decode(secret, "auth-extra-groups")).isEqualTo("system:bootstrappers:kubeadm:default-node-token");
    Instant expiration = Instant.parse(decode(secret, "expiration"));
    assertThat(expiration).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(2),
        Instant.now().plus(Duration.ofHours(24)));

    assertThat("sha256:" + m.group(4)).isEqualTo(opensslSpkiHash(kube.dpuCluster(1).ca().certPem()));
  }

  @Test
  void aTakenTokenIdIsReplacedByAnotherOne() {
    DPUCluster cluster = DpuClusterFixtures.staticCluster(kube, 1, "collide");
    KubeadmJoin.Token taken = new KubeadmJoin(clients, Clock.systemUTC(), new Random(7)).newToken();
    dpu.secrets().inNamespace("kube-system").resource(KubeadmJoin.tokenSecret(taken, Instant.now())).create();
    KubeadmJoin.JoinCommand join = new KubeadmJoin(clients, Clock.systemUTC(), new Random(7))
        .create(DpuClusterRuntime.ref(cluster));
    assertThat(join.token().id()).isNotEqualTo(taken.id());
    assertThat(dpu.secrets().inNamespace("kube-system").withName("bootstrap-token-" + join.token().id()).get())
        .isNotNull();
  }

  @Test
  void withoutCaDataInTheKubeconfigTheCaComesFromClusterInfo() throws Exception {
    String admin = kube.dpuCluster(1).adminKubeconfig();
    String caLine = admin.lines().filter(l -> l.contains("certificate-authority-data")).findFirst().orElseThrow();
    String insecure = admin.replace(caLine, "    insecure-skip-tls-verify: true");
    kube.client().secrets().inNamespace(kube.namespace()).resource(new SecretBuilder().withNewMetadata()
        .withName("no-ca").withNamespace(kube.namespace()).endMetadata()
        .addToData(Kubeconfigs.ADMIN_CONF, Base64.getEncoder().encodeToString(insecure.getBytes(StandardCharsets.UTF_8)))
        .build()).create();
    DpuClusterClients.ClusterRef ref = new DpuClusterClients.ClusterRef(kube.namespace(), "no-ca", "uid-no-ca", "no-ca");
    KubeadmJoin join = new KubeadmJoin(clients, Clock.systemUTC());
    assertThatThrownBy(() -> join.create(ref)).isInstanceOf(DpuClusterAccessException.class)
        .hasMessageContaining("no certificate-authority-data");

    String published = "apiVersion: v1\nkind: Config\nclusters:\n- name: \"\"\n  cluster:\n"
        + "    server: " + kube.dpuCluster(1).url() + "\n" + caLine.replace("    certificate", "    certificate")
        + "\n";
    dpu.configMaps().inNamespace("kube-public").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("cluster-info").withNamespace("kube-public").endMetadata().addToData("kubeconfig", published)
        .build()).create();
    try {
      Matcher m = COMMAND.matcher(join.create(ref).command());
      assertThat(m.matches()).isTrue();
      assertThat("sha256:" + m.group(4)).isEqualTo(opensslSpkiHash(kube.dpuCluster(1).ca().certPem()));
    } finally {
      dpu.configMaps().inNamespace("kube-public").withName("cluster-info").delete();
    }
  }

  static String decode(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  /** The hash as the kubeadm documentation computes it, with openssl. */
  static String opensslSpkiHash(String caPem) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("sh", "-c",
          "openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -hex")
          .redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      Assumptions.abort("openssl not available");
      return null;
    }
    p.getOutputStream().write(caPem.getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Assumptions.assumeTrue(p.exitValue() == 0, "openssl failed: " + out);
    return "sha256:" + out.replaceAll("(?s).*= ?", "").trim();
  }
}
