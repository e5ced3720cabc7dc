package dev.dpf.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The table of invalid manifests (src/test/resources/invalid/&lt;kind&gt;/&lt;case&gt;.yaml) is rejected at admission
 * by the real kube-apiserver, with a message that names the field.
 */
@KubeTest
class InvalidManifestsTest {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  record Case(String name, String description, List<String> expect, GenericKubernetesResource object,
      GenericKubernetesResource update) {}

  static List<Case> cases() throws Exception {
    List<Case> cases = new ArrayList<>();
    for (Path file : TestResources.yamlFiles("invalid")) {
      JsonNode node = SERIALIZATION.unmarshal(Files.readString(file), JsonNode.class);
      List<String> expect = new ArrayList<>();
      node.path("expect").forEach(e -> expect.add(e.asText()));
      cases.add(new Case(TestResources.relative(file, "invalid"), node.path("description").asText(), expect,
          SERIALIZATION.convertValue(node.get("object"), GenericKubernetesResource.class),
          node.hasNonNull("update")
              ? SERIALIZATION.convertValue(node.get("update"), GenericKubernetesResource.class) : null));
    }
    return cases;
  }

  @Test
  void tableHasAtLeastFortyCasesAndNamesTheField() throws Exception {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    assertThat(cases).allSatisfy(c -> {
      assertThat(c.expect()).as(c.name()).isNotEmpty();
      assertThat(c.expect().get(0)).as(c.name() + ": first expectation names the field").containsPattern("spec|metadata");
    });
  }

  @TestFactory
  Stream<DynamicTest> invalidManifestsAreRejected(KubeTestContext kube) throws Exception {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.description(), () -> check(kube, c)));
  }

  private void check(KubeTestContext kube, Case c) {
    KubernetesClient client = kube.client();
    var op = client.genericKubernetesResources(c.object().getApiVersion(), c.object().getKind())
        .inNamespace(kube.namespace());
    GenericKubernetesResource object = SERIALIZATION.clone(c.object());
    object.getMetadata().setNamespace(kube.namespace());
    if (c.update() == null) {
      assertThatThrownBy(() -> op.resource(object).create())
          .as(c.name())
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertRejected(c, (KubernetesClientException) e));
      return;
    }
    GenericKubernetesResource created = op.resource(object).create();
    try {
      GenericKubernetesResource update = SERIALIZATION.clone(c.update());
      update.getMetadata().setNamespace(kube.namespace());
      update.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
      assertThatThrownBy(() -> op.resource(update).update())
          .as(c.name())
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertRejected(c, (KubernetesClientException) e));
    } finally {
      op.withName(created.getMetadata().getName()).delete();
    }
  }

  private static void assertRejected(Case c, KubernetesClientException e) {
    assertThat(e.getCode()).as(c.name() + ": HTTP status of " + e.getMessage()).isIn(400, 422);
    String message = e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage() : e.getMessage();
    for (String expected : c.expect()) {
      assertThat(message).as(c.name()).contains(expected);
    }
  }
}
