package dev.dpf.dpuservice.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.common.TemplateMeta;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequest;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequestSpec;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequestType;
import dev.dpf.api.svc.v1alpha1.NamespacedName;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credential requests against the real host API server and a real DPU-cluster API server: the generated kubeconfig /
 * token file is used to build a client whose permissions are exactly the Role the test binds to the ServiceAccount.
 */
@KubeTest
class CredentialRequestReconcilerTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  /** A clock the test can move forward. */
  static final class ShiftedClock extends Clock {
    final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }
  }

  final ShiftedClock clock = new ShiftedClock();
  ControllerHarness harness;
  KubernetesClient client;
  String ns;

  @BeforeEach
  void start(KubeTestContext kube) {
    client = kube.client();
    ns = kube.namespace();
    harness = ControllerHarness.start(kube, ctx -> ctx.register(new CredentialRequestReconciler(ctx.client(),
        ctx.dpuClusters(), clock, new Random(1), ctx.conditions(), ctx.events("credential-test"))));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** Lets ServiceAccount {@code sa} list ConfigMaps (only) in the namespace of {@code target}. */
  void grantConfigMapList(KubernetesClient target, String sa) {
    target.resource(new RoleBuilder().withNewMetadata().withName("cm-reader").withNamespace(ns).endMetadata()
        .addNewRule().withApiGroups("").withResources("configmaps").withVerbs("list").endRule().build())
        .serverSideApply();
    target.resource(new RoleBindingBuilder().withNewMetadata().withName("cm-reader-" + sa).withNamespace(ns)
        .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role")
        .withName("cm-reader").endRoleRef().addNewSubject().withKind("ServiceAccount").withName(sa)
        .withNamespace(ns).endSubject().build()).serverSideApply();
  }

  DPUServiceCredentialRequest request(String name, String sa, NamespacedName target,
      DPUServiceCredentialRequestType type, String secret) {
    DPUServiceCredentialRequest r = new DPUServiceCredentialRequest();
    r.getMetadata().setName(name);
    r.getMetadata().setNamespace(ns);
    DPUServiceCredentialRequestSpec spec = new DPUServiceCredentialRequestSpec();
    spec.setServiceAccount(new NamespacedName(ns, sa));
    spec.setDuration("10m");
    spec.setTargetCluster(target);
    spec.setType(type);
    spec.setSecret(new NamespacedName(ns, secret));
    spec.setMetadata(new TemplateMeta(Map.of("dpuservice", "dpu-01"), Map.of("note", "test")));
    r.setSpec(spec);
    return client.resource(r).create();
  }

  DPUServiceCredentialRequest awaitReady(String name) {
    await().atMost(WAIT).untilAsserted(() -> {
      DPUServiceCredentialRequest r = client.resources(DPUServiceCredentialRequest.class).withName(name).get();
      assertThat(StatusConditions.isTrue(r.getStatus(), Conditions.READY)).as("Ready").isTrue();
    });
    return client.resources(DPUServiceCredentialRequest.class).withName(name).get();
  }

  Map<String, String> secretData(String name) {
    Secret s = await().atMost(WAIT).until(() -> client.secrets().withName(name).get(), x -> x != null);
    Map<String, String> out = new java.util.HashMap<>();
    s.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return out;
  }

  static void assertOnlyConfigMapsListable(KubernetesClient sa, String ns) {
    assertThat(sa.configMaps().inNamespace(ns).list().getItems()).isNotNull();
    assertThatThrownBy(() -> sa.secrets().inNamespace(ns).list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThatThrownBy(() -> sa.configMaps().inNamespace(ns).withName("x").delete())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  @Test
  void dpuClusterKubeconfigWorksWithExactlyTheBoundRole(KubeTestContext kube) {
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cplane-tenant1");
    KubernetesClient dpu = kube.dpuClient(1);
    grantConfigMapList(dpu, "dpu-01-sa");
    request("dpu-01-credential-request", "dpu-01-sa", new NamespacedName(ns, "dpu-cplane-tenant1"),
        DPUServiceCredentialRequestType.KUBECONFIG, "dpu-01-credential");
    DPUServiceCredentialRequest r = awaitReady("dpu-01-credential-request");
    assertThat(r.getStatus().getServiceAccount()).isEqualTo(ns + "/dpu-01-sa");
    assertThat(r.getStatus().getTargetCluster()).isEqualTo(ns + "/dpu-cplane-tenant1");
    assertThat(r.getStatus().getSecret()).isEqualTo(ns + "/dpu-01-credential");
    assertThat(Duration.between(Instant.parse(r.getStatus().getIssuedAt()),
        Instant.parse(r.getStatus().getExpirationTimestamp()))).isEqualTo(Duration.ofMinutes(10));
    assertThat(dpu.serviceAccounts().withName("dpu-01-sa").get().getAutomountServiceAccountToken()).isFalse();
    assertThat(client.serviceAccounts().withName("dpu-01-sa").get()).as("not in the host").isNull();
    Secret secret = client.secrets().withName("dpu-01-credential").get();
    assertThat(secret.getMetadata().getLabels()).containsEntry("dpuservice", "dpu-01");
    assertThat(secret.getMetadata().getAnnotations()).containsEntry("note", "test");
    String kubeconfig = secretData("dpu-01-credential").get("kubeconfig");
    assertThat(kubeconfig).contains(kube.dpuCluster(1).url());
    try (KubernetesClient sa = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
      assertOnlyConfigMapsListable(sa, ns);
    }
    assertThat(client.v1().events().list().getItems()).noneSatisfy(e -> assertThat(e.getMessage())
        .contains(tokenOf(kubeconfig)));
    assertThat(client.resources(DPUServiceCredentialRequest.class).withName("dpu-01-credential-request").get()
        .getStatus().toString()).doesNotContain(tokenOf(kubeconfig));

    // deletion removes the ServiceAccount in the DPU cluster and the Secret in the host
    client.resources(DPUServiceCredentialRequest.class).withName("dpu-01-credential-request").delete();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(client.resources(DPUServiceCredentialRequest.class).withName("dpu-01-credential-request").get())
          .isNull();
      assertThat(dpu.serviceAccounts().withName("dpu-01-sa").get()).isNull();
      assertThat(client.secrets().withName("dpu-01-credential").get()).isNull();
    });
  }

  @Test
  void hostTokenFileWorksWithExactlyTheBoundRole() {
    grantConfigMapList(client, "ovn-dpu");
    request("ovn-dpu", "ovn-dpu", null, DPUServiceCredentialRequestType.TOKEN_FILE, "ovn-dpu");
    awaitReady("ovn-dpu");
    Map<String, String> data = secretData("ovn-dpu");
    assertThat(data).containsOnlyKeys("KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "KUBERNETES_CA_DATA",
        "TOKEN_FILE");
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl("https://" + data.get("KUBERNETES_SERVICE_HOST") + ":" + data.get("KUBERNETES_SERVICE_PORT"))
        .withCaCertData(Base64.getEncoder().encodeToString(data.get("KUBERNETES_CA_DATA")
            .getBytes(StandardCharsets.UTF_8)))
        .withOauthToken(data.get("TOKEN_FILE")).build();
    try (KubernetesClient sa = new KubernetesClientBuilder().withConfig(config).build()) {
      assertOnlyConfigMapsListable(sa, ns);
    }
  }

  @Test
  void refreshRewritesTheSecretWithANewTokenBeforeExpiry() {
    request("refresh", "refresh-sa", null, DPUServiceCredentialRequestType.KUBECONFIG, "refresh");
    DPUServiceCredentialRequest first = awaitReady("refresh");
    String token1 = tokenOf(secretData("refresh").get("kubeconfig"));
    Instant expiration1 = Instant.parse(first.getStatus().getExpirationTimestamp());

    // 9 minutes later the 10-minute token is past its 80 % point: the next reconcile issues a new one
    clock.offset.set(Duration.ofMinutes(9));
    edit("refresh", r -> {
      r.getSpec().getMetadata().getLabels().put("touched", "yes");
      return r;
    });
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(tokenOf(secretData("refresh").get("kubeconfig"))).isNotEqualTo(token1);
      DPUServiceCredentialRequest r = client.resources(DPUServiceCredentialRequest.class).withName("refresh").get();
      assertThat(Instant.parse(r.getStatus().getExpirationTimestamp())).isAfterOrEqualTo(expiration1);
      assertThat(client.secrets().withName("refresh").get().getMetadata().getLabels()).containsEntry("touched", "yes");
    });
    clock.offset.set(Duration.ZERO);
    String token2 = tokenOf(secretData("refresh").get("kubeconfig"));

    // without a shift, a spec edit keeps the token
    edit("refresh", r -> {
      r.getSpec().getMetadata().getLabels().put("touched", "again");
      return r;
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(client.secrets().withName("refresh").get().getMetadata()
        .getLabels()).containsEntry("touched", "again"));
    assertThat(tokenOf(secretData("refresh").get("kubeconfig"))).isEqualTo(token2);
  }

  @Test
  void retargetingDeletesTheOldServiceAccountAndSecret(KubeTestContext kube) {
    DpuClusterFixtures.readyStaticCluster(kube, 1, "tenant");
    KubernetesClient dpu = kube.dpuClient(1);
    request("move", "mover", new NamespacedName(ns, "tenant"), DPUServiceCredentialRequestType.KUBECONFIG, "old");
    awaitReady("move");
    assertThat(dpu.serviceAccounts().withName("mover").get()).isNotNull();

    edit("move", r -> {
      r.getSpec().setTargetCluster(null);
      r.getSpec().setSecret(new NamespacedName(ns, "new"));
      return r;
    });
    await().atMost(WAIT).untilAsserted(() -> {
      DPUServiceCredentialRequest r = client.resources(DPUServiceCredentialRequest.class).withName("move").get();
      assertThat(r.getStatus().getTargetCluster()).isNull();
      assertThat(r.getStatus().getSecret()).isEqualTo(ns + "/new");
      assertThat(dpu.serviceAccounts().withName("mover").get()).as("old SA in the DPU cluster").isNull();
      assertThat(client.secrets().withName("old").get()).as("old Secret").isNull();
      assertThat(client.serviceAccounts().withName("mover").get()).as("new SA in the host").isNotNull();
      assertThat(secretData("new").get("kubeconfig")).contains(kube.host().url());
    });
  }

  void edit(String name, UnaryOperator<DPUServiceCredentialRequest> change) {
    await().atMost(WAIT).ignoreException(KubernetesClientException.class).until(() ->
        client.resources(DPUServiceCredentialRequest.class).withName(name).edit(change) != null);
  }

  static String tokenOf(String kubeconfig) {
    return Config.fromKubeconfig(kubeconfig).getAutoOAuthToken() != null
        ? Config.fromKubeconfig(kubeconfig).getAutoOAuthToken() : Config.fromKubeconfig(kubeconfig).getOauthToken();
  }
}
