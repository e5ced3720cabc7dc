package dev.dpf.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example manifest of the seeds and references (src/test/resources/examples) is applied unchanged to the real
 * kube-apiserver and read back: every field it sets must come back equal (schema defaults may add fields).
 */
@KubeTest
class ExampleManifestsTest {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @TestFactory
  Stream<DynamicTest> examplesApplyAndReadBackEqual(KubeTestContext kube) {
    List<Path> files = TestResources.yamlFiles("examples");
    assertThat(files).as("example manifests").isNotEmpty();
    return files.stream().map(file -> DynamicTest.dynamicTest(TestResources.relative(file, "examples"),
        () -> applyAndCompare(kube, file)));
  }

  private void applyAndCompare(KubeTestContext kube, Path file) {
    KubernetesClient client = kube.client();
    List<Runnable> cleanup = new ArrayList<>();
    try {
      for (String doc : TestResources.documents(file)) {
        GenericKubernetesResource input = SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class);
        APIResource api = client.getApiResources(input.getApiVersion()).getResources().stream()
            .filter(r -> r.getKind().equals(input.getKind()) && !r.getName().contains("/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(file + ": the API server does not serve "
                + input.getApiVersion() + " " + input.getKind()));
        String namespace = null;
        if (Boolean.TRUE.equals(api.getNamespaced())) {
          namespace = input.getMetadata().getNamespace() != null ? input.getMetadata().getNamespace() : kube.namespace();
          ensureNamespace(client, namespace);
        }
        var op = client.genericKubernetesResources(input.getApiVersion(), input.getKind());
        Resource<GenericKubernetesResource> resource = namespace == null
            ? ((NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>>) op)
                .resource(copy(input))
            : op.inNamespace(namespace).resource(copy(input));
        GenericKubernetesResource created = resource.create();
        cleanup.add(0, () -> {
          // examples may carry finalizers no controller here removes
          resource.edit(r -> {
            r.getMetadata().setFinalizers(null);
            return r;
          });
          resource.withGracePeriod(0).delete();
        });
        GenericKubernetesResource read = namespace == null
            ? op.withName(created.getMetadata().getName()).get()
            : op.inNamespace(namespace).withName(created.getMetadata().getName()).get();
        ObjectNode expected = (ObjectNode) SERIALIZATION.convertValue(input, JsonNode.class);
        expected.remove("status");
        ObjectNode actual = (ObjectNode) SERIALIZATION.convertValue(read, JsonNode.class);
        assertThat(JsonSubset.differences(expected, actual))
            .as("%s %s/%s read back", input.getKind(), namespace, input.getMetadata().getName())
            .isEmpty();
      }
    } finally {
      cleanup.forEach(Runnable::run);
    }
  }

  private static GenericKubernetesResource copy(GenericKubernetesResource r) {
    return SERIALIZATION.clone(r);
  }

  private static void ensureNamespace(KubernetesClient client, String name) {
    if (client.namespaces().withName(name).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
    }
  }
}
