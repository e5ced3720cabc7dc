package dev.dpf.provisioning.dpucluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.common.cluster.Kubeconfigs;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DPUCluster health controller and the static cluster manager against the real control plane, with a second
 * local API server ({@code kube.dpuCluster(1)}) as the DPU cluster.
 */
@KubeTest
class StaticDpuClusterTest {

  static final Duration RECHECK = Duration.ofSeconds(2);

  KubeTestContext kube;
  DpuClusterTesting t;
  ControllerHarness harness;

  @BeforeEach
  void start(KubeTestContext kube) {
    this.kube = kube;
    this.t = new DpuClusterTesting(kube);
    harness = ControllerHarness.start(kube, ctx -> DpuClusterControllers.register(ctx, RECHECK));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void staticClusterBecomesReadyFromItsSecretAndIsCleanedUpOnDeletion() {
    t.operatorConfig("  staticClusterManager: {}\n");
    DpuClusterFixtures.staticCluster(kube, 1, "dpu-cluster-1");
    DPUCluster ready = t.awaitPhase("dpu-cluster-1", DPUClusterPhase.READY);
    Condition created = DpuClusterTesting.condition(ready, DPUCluster.CONDITION_CREATED);
    assertThat(created.getStatus() + "/" + created.getReason()).isEqualTo("True/Created");
    Condition health = DpuClusterTesting.condition(ready, DPUCluster.CONDITION_READY);
    assertThat(health.getStatus() + "/" + health.getReason()).isEqualTo("True/HealthCheckPassed");
    assertThat(health.getMessage()).isEmpty();
    assertThat(ready.getStatus().getVersion()).startsWith("v1.");
    assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getMetadata().getFinalizers()).containsExactlyInAnyOrder(
        DPUCluster.FINALIZER_CLUSTER_MANAGER_CLEAN_UP, DPUCluster.FINALIZER_CLUSTER_MANAGER_INTERNAL_CLEAN_UP);
    assertThat(ready.getStatus().getConditions()).extracting(Condition::getType)
        .containsExactlyInAnyOrder(DPUCluster.CONDITION_CREATED, DPUCluster.CONDITION_READY);
    t.awaitEvent("dpu-cluster-1", DpuClusterReconciler.EVENT_HEALTH_CHECK_PASSED);

    // steady state: health re-checks (every 2 s here) that change nothing write nothing
    String version = t.get("dpu-cluster-1").getMetadata().getResourceVersion();
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
        .until(() -> version.equals(t.get("dpu-cluster-1").getMetadata().getResourceVersion()));

    kube.client().resource(ready).delete();
    await().atMost(DpuClusterTesting.TIMEOUT).until(() -> t.get("dpu-cluster-1") == null);
  }

  @Test
  void emptyKubeconfigStaysCreatingWithUpstreamCondition() {
    t.operatorConfig("  staticClusterManager: {}\n");
    t.create("no-kubeconfig", "static", null, s -> {});
    DPUCluster c = t.awaitCondition("no-kubeconfig", DPUCluster.CONDITION_CREATED, Conditions.FALSE,
        DPUCluster.REASON_EMPTY_KUBECONFIG);
    assertThat(DpuClusterTesting.condition(c, DPUCluster.CONDITION_CREATED).getMessage())
        .isEqualTo("spec.kubeconfig is empty");
    assertThat(c.getStatus().getPhase()).isEqualTo(DPUClusterPhase.CREATING);
    Condition health = DpuClusterTesting.condition(c, DPUCluster.CONDITION_READY);
    assertThat(health.getStatus() + "/" + health.getReason()).isEqualTo("False/Pending");
    assertThat(health.getMessage()).isEqualTo("The following conditions are not ready: Created");
  }

  @Test
  void missingSecretIsReportedAndTheClusterBecomesReadyWhenItAppears() {
    t.operatorConfig("  staticClusterManager: {}\n");
    t.create("late-secret", "static", "late-secret-kubeconfig", s -> {});
    DPUCluster c = t.awaitCondition("late-secret", DPUCluster.CONDITION_CREATED, Conditions.FALSE,
        KubeconfigSecrets.REASON_SECRET_NOT_FOUND);
    assertThat(DpuClusterTesting.condition(c, DPUCluster.CONDITION_CREATED).getMessage())
        .isEqualTo("secret " + kube.namespace() + "/late-secret-kubeconfig not found");
    t.awaitEvent("late-secret", KubeconfigSecrets.REASON_SECRET_NOT_FOUND);
    assertThat(c.getStatus().getPhase()).isEqualTo(DPUClusterPhase.CREATING);

    secret("late-secret-kubeconfig", Map.of(Kubeconfigs.ADMIN_CONF, kube.dpuCluster(1).adminKubeconfig()));
    t.awaitPhase("late-secret", DPUClusterPhase.READY);
  }

  @Test
  void malformedSecretsGetClearConditionsWithoutSecretContent() {
    t.operatorConfig("  staticClusterManager: {}\n");
    String admin = kube.dpuCluster(1).adminKubeconfig();
    secret("no-admin-conf", Map.of("kubeconfig", admin));
    t.create("no-admin-conf", "static", "no-admin-conf", s -> {});
    String twoClusters = admin.replace("clusters:\n", "clusters:\n- name: other\n  cluster:\n"
        + "    server: https://127.0.0.1:1\n");
    secret("two-clusters", Map.of(Kubeconfigs.ADMIN_CONF, twoClusters));
    t.create("two-clusters", "static", "two-clusters", s -> {});
    secret("not-yaml", Map.of(Kubeconfigs.ADMIN_CONF, "client-key-data: [this is: not a kubeconfig"));
    t.create("not-yaml", "static", "not-yaml", s -> {});

    assertCreated("no-admin-conf", KubeconfigSecrets.REASON_SECRET_INVALID,
        "secret " + kube.namespace() + "/no-admin-conf not in the expected format: data.admin.conf not found");
    assertCreated("two-clusters", KubeconfigSecrets.REASON_SECRET_INVALID,
        "secret " + kube.namespace() + "/two-clusters secret not in the expected format: cluster list should have "
            + "one member");
    assertCreated("not-yaml", KubeconfigSecrets.REASON_SECRET_INVALID, null);
    for (String name : new String[] {"no-admin-conf", "two-clusters", "not-yaml"}) {
      t.awaitEvent(name, KubeconfigSecrets.REASON_SECRET_INVALID);
      assertNoSecretContent(name);
      assertThat(t.get(name).getStatus().getPhase()).isEqualTo(DPUClusterPhase.CREATING);
    }
  }

  @Test
  void unreachableClusterIsReportedByTheManagerAndRetried() throws Exception {
    t.operatorConfig("  staticClusterManager: {}\n");
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String admin = kube.dpuCluster(1).adminKubeconfig();
    String unreachable = admin.replace(kube.dpuCluster(1).url(), "https://127.0.0.1:" + closedPort);
    secret("unreachable", Map.of(Kubeconfigs.ADMIN_CONF, unreachable));
    t.create("unreachable", "static", "unreachable", s -> {});
    DPUCluster c = t.awaitCondition("unreachable", DPUCluster.CONDITION_CREATED, Conditions.FALSE,
        KubeconfigSecrets.REASON_CLUSTER_UNREACHABLE);
    assertThat(DpuClusterTesting.condition(c, DPUCluster.CONDITION_CREATED).getMessage())
        .startsWith("cannot reach the API server at 127.0.0.1:" + closedPort + ": ")
        .containsIgnoringCase("connection refused");
    assertThat(c.getStatus().getPhase()).isEqualTo(DPUClusterPhase.CREATING);
    t.awaitEvent("unreachable", KubeconfigSecrets.REASON_CLUSTER_UNREACHABLE);
    assertNoSecretContent("unreachable");

    // the Secret is fixed: the Secret watch wakes the manager
    kube.client().secrets().inNamespace(kube.namespace()).withName("unreachable").edit(s -> {
      s.setData(Map.of(Kubeconfigs.ADMIN_CONF, base64(admin)));
      return s;
    });
    t.awaitPhase("unreachable", DPUClusterPhase.READY);
  }

  @Test
  void brokenEndpointGoesNotReadyAndRecovers() throws Exception {
    t.operatorConfig("  staticClusterManager: {}\n");
    int apiPort = Integer.parseInt(kube.dpuCluster(1).url().replaceAll(".*:", ""));
    try (TcpForwarder forwarder = new TcpForwarder(apiPort).start()) {
      String viaForwarder = kube.dpuCluster(1).adminKubeconfig()
          .replace(kube.dpuCluster(1).url(), "https://127.0.0.1:" + forwarder.port());
      secret("flaky", Map.of(Kubeconfigs.ADMIN_CONF, viaForwarder));
      t.create("flaky", "static", "flaky", s -> {});
      t.awaitPhase("flaky", DPUClusterPhase.READY);

      forwarder.stop();
      DPUCluster broken = t.awaitPhase("flaky", DPUClusterPhase.NOT_READY);
      Condition health = DpuClusterTesting.condition(broken, DPUCluster.CONDITION_READY);
      assertThat(health.getStatus() + "/" + health.getReason()).isEqualTo("False/HealthCheckFailed");
      assertThat(health.getMessage()).contains("127.0.0.1:" + forwarder.port());
      assertThat(DpuClusterTesting.condition(broken, DPUCluster.CONDITION_CREATED).getStatus())
          .as("the manager validated this Secret once; reachability is the health check's job").isEqualTo("True");
      t.awaitEvent("flaky", DpuClusterReconciler.EVENT_HEALTH_CHECK_FAILED);

      forwarder.start();
      t.awaitPhase("flaky", DPUClusterPhase.READY);
    }
  }

  @Test
  void disabledStaticManagerLeavesClustersAloneUntilEnabled() {
    DpuClusterFixtures.staticCluster(kube, 1, "waiting");
    DPUCluster c = t.awaitCondition("waiting", DPUCluster.CONDITION_CREATED, Conditions.FALSE,
        ClusterManagers.REASON_CLUSTER_MANAGER_DISABLED);
    assertThat(DpuClusterTesting.condition(c, DPUCluster.CONDITION_CREATED).getMessage())
        .contains("static cluster manager is disabled").contains("spec.staticClusterManager");
    assertThat(c.getMetadata().getFinalizers()).doesNotContain(DPUCluster.FINALIZER_CLUSTER_MANAGER_CLEAN_UP);
    assertThat(c.getStatus().getPhase()).isEqualTo(DPUClusterPhase.CREATING);

    t.operatorConfig("  staticClusterManager:\n    disable: true\n");
    assertThat(DpuClusterTesting.condition(t.get("waiting"), DPUCluster.CONDITION_CREATED).getReason())
        .isEqualTo(ClusterManagers.REASON_CLUSTER_MANAGER_DISABLED);
    t.operatorConfig("  staticClusterManager:\n    disable: false\n");
    t.awaitPhase("waiting", DPUClusterPhase.READY);
    assertThat(t.get("waiting").getMetadata().getFinalizers()).contains(DPUCluster.FINALIZER_CLUSTER_MANAGER_CLEAN_UP);
  }

  private void assertCreated(String name, String reason, String message) {
    DPUCluster c = t.awaitCondition(name, DPUCluster.CONDITION_CREATED, Conditions.FALSE, reason);
    if (message != null) {
      assertThat(DpuClusterTesting.condition(c, DPUCluster.CONDITION_CREATED).getMessage()).isEqualTo(message);
    }
  }

  /** Neither conditions nor events carry kubeconfig material. */
  private void assertNoSecretContent(String name) {
    DPUCluster c = t.get(name);
    String key = kube.dpuCluster(1).adminKubeconfig().replaceAll("(?s).*client-key-data: (\\S+).*", "$1");
    for (Condition condition : c.getStatus().getConditions()) {
      assertThat(condition.getMessage()).doesNotContain("client-key-data").doesNotContain(key.substring(0, 40))
          .doesNotContain("BEGIN");
    }
    for (Event event : kube.client().v1().events().inNamespace(kube.namespace()).list().getItems()) {
      assertThat(event.getMessage()).doesNotContain("client-key-data").doesNotContain(key.substring(0, 40));
    }
  }

  private void secret(String name, Map<String, String> data) {
    SecretBuilder secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(kube.namespace())
        .endMetadata().withType("Opaque");
    data.forEach((k, v) -> secret.addToData(k, base64(v)));
    kube.client().secrets().inNamespace(kube.namespace()).resource(secret.build()).create();
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
