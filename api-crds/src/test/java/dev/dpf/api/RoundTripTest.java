package dev.dpf.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** YAML → Java model → YAML is lossless for every example manifest of our kinds. */
class RoundTripTest {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void registryHasEveryKindOfTheScope() {
    assertThat(DpfKinds.ALL).hasSize(19);
    assertThat(DpfKinds.ALL.stream().map(HasMetadata::getKind).distinct()).hasSize(19);
  }

  @TestFactory
  Stream<DynamicTest> examplesRoundTripThroughTheModel() {
    List<Path> files = TestResources.yamlFiles("examples");
    return files.stream().flatMap(file -> {
      List<String> docs = TestResources.documents(file);
      return java.util.stream.IntStream.range(0, docs.size()).mapToObj(i -> {
        GenericKubernetesResource generic = SERIALIZATION.unmarshal(docs.get(i), GenericKubernetesResource.class);
        Optional<Class<? extends CustomResource<?, ?>>> type =
            DpfKinds.find(generic.getApiVersion(), generic.getKind());
        return type.map(t -> DynamicTest.dynamicTest(TestResources.relative(file, "examples") + "#" + i, () -> {
          JsonNode original = SERIALIZATION.unmarshal(docs.get(i), JsonNode.class);
          Object typed = SERIALIZATION.unmarshal(docs.get(i), t);
          assertThat(typed).isInstanceOf(t);
          JsonNode written = SERIALIZATION.unmarshal(SERIALIZATION.asYaml(typed), JsonNode.class);
          assertThat(written).isEqualTo(original);
        })).orElse(null);
      }).filter(java.util.Objects::nonNull);
    });
  }
}
