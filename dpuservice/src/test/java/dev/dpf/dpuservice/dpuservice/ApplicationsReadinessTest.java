package dev.dpf.dpuservice.dpuservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ApplicationsReady (reference 10.8). */
class ApplicationsReadinessTest {

  @Test
  void readyWhenAllSyncedHealthyAndCountMatches() {
    assertThat(ApplicationsReadiness.evaluate(List.of(app("a", "Synced", "Healthy"), app("b", "Synced", "Healthy")),
        2)).isEqualTo(new ApplicationsReadiness.Result(true, ""));
  }

  @Test
  void countMismatchHasNoMessage() {
    assertThat(ApplicationsReadiness.evaluate(List.of(app("a", "Synced", "Healthy")), 2))
        .isEqualTo(new ApplicationsReadiness.Result(false, ""));
  }

  @Test
  void messagesForNotDeployedAndNotReady() {
    ApplicationsReadiness.Result r = ApplicationsReadiness.evaluate(List.of(app("b", null, null),
        app("a", "OutOfSync", "Progressing")), 2);
    assertThat(r.ready()).isFalse();
    assertThat(r.message()).isEqualTo("Application is not ready (Sync: OutOfSync, Health: Progressing). Run "
        + "'kubectl describe application a -n ops' for details., Application is not yet deployed.");
  }

  @Test
  void noClustersAndNoApplicationsIsReady() {
    assertThat(ApplicationsReadiness.evaluate(List.of(), 0).ready()).isTrue();
  }

  static GenericKubernetesResource app(String name, String sync, String health) {
    GenericKubernetesResourceBuilder b = new GenericKubernetesResourceBuilder().withApiVersion("argoproj.io/v1alpha1")
        .withKind("Application").withNewMetadata().withName(name).withNamespace("ops").endMetadata();
    if (sync != null) {
      b.addToAdditionalProperties("status", Map.of("sync", Map.of("status", sync), "health",
          Map.of("status", health)));
    }
    return b.build();
  }
}
