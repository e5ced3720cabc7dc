package dev.dpf.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** The impersonated chart identity gets exactly the chart's rules: allowed where granted, 403 elsewhere. */
@KubeTest
class ChartRbacTest {

  @Test
  void impersonatedClientHasTheChartRulesAndNothingMore(KubeTestContext kube) {
    try (KubernetesClient client = ChartRbac.impersonatingClient(kube)) {
      assertThat(client.resources(BFB.class).inNamespace(kube.namespace()).list().getItems()).isEmpty();
      assertThatThrownBy(() -> client.namespaces().withName(kube.namespace()).delete())
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
    }
  }
}
