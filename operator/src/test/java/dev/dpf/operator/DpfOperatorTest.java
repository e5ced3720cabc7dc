package dev.dpf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.common.runtime.OperatorSettings;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator main program against the real control plane: lease, probes, metrics. */
@KubeTest
class DpfOperatorTest {

  static DpfOperator.Options options(KubeTestContext kube, String identity) {
    OperatorSettings settings = OperatorSettings.defaults()
        .withOperatorNamespace(kube.namespace())
        .withWatchNamespaces(Set.of(kube.namespace()))
        .withBfbDir(Path.of("target/bfb"));
    return new DpfOperator.Options(settings, true, "dpf-operator-leader", identity, false, "127.0.0.1:0",
        "127.0.0.1:0", OperatorMain.modules());
  }

  @Test
  void takesTheLeaseReportsReadyAndServesMetrics(KubeTestContext kube) throws Exception {
    KubernetesClient client = kube.client();
    try (DpfOperator operator = DpfOperator.start(kube.host().newClient(null), options(kube, "first"))) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        Lease lease = client.leases().withName("dpf-operator-leader").get();
        assertThat(lease).isNotNull();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("first");
      });
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        HttpResponse<String> readyz = get(operator.healthPort(), "/readyz");
        assertThat(readyz.statusCode()).as(readyz.body()).isEqualTo(200);
      });
      HttpResponse<String> healthz = get(operator.healthPort(), "/healthz");
      assertThat(healthz.statusCode()).as(healthz.body()).isEqualTo(200);
      HttpResponse<String> metrics = get(operator.metricsPort(), "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void secondInstanceWaitsForTheLease(KubeTestContext kube) throws Exception {
    try (DpfOperator first = DpfOperator.start(kube.host().newClient(null), options(kube, "first"))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> "first".equals(
          kube.client().leases().withName("dpf-operator-leader").get().getSpec().getHolderIdentity()));
      try (DpfOperator second = DpfOperator.start(kube.host().newClient(null), options(kube, "second"))) {
        // the standby is live but not ready: it holds no lease and runs no controllers
        assertThat(get(second.healthPort(), "/readyz").statusCode()).isEqualTo(503);
        HttpResponse<String> healthz = get(second.healthPort(), "/healthz");
        assertThat(healthz.statusCode()).as(healthz.body()).isEqualTo(200);
        Thread.sleep(2000);
        assertThat(kube.client().leases().withName("dpf-operator-leader").get().getSpec().getHolderIdentity())
            .isEqualTo("first");
      }
    }
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
