package dev.dpf.dpfctl.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A recorded set of objects (multi-document YAML, e.g. {@code kubectl get -o yaml} output of each kind or a test
 * fixture), served as if from an API server. {@code kind: List} documents are unpacked.
 */
public final class YamlObjectSource implements ObjectSource {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final List<GenericKubernetesResource> objects;

  public YamlObjectSource(List<GenericKubernetesResource> objects) {
    this.objects = List.copyOf(objects);
  }

  /** Parses multi-document YAML. */
  public static YamlObjectSource parse(String yaml) {
    return new YamlObjectSource(read(yaml));
  }

  /** The objects of a multi-document YAML text. */
  public static List<GenericKubernetesResource> read(String yaml) {
    List<GenericKubernetesResource> result = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
          continue;
        }
        if ("List".equals(doc.path("kind").asText()) || doc.path("kind").asText().endsWith("List")) {
          for (JsonNode item : doc.path("items")) {
            result.add(JSON.convertValue(item, GenericKubernetesResource.class));
          }
        } else {
          result.add(JSON.convertValue(doc, GenericKubernetesResource.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse objects: " + e.getMessage(), e);
    }
    return result;
  }

  public List<GenericKubernetesResource> objects() {
    return objects;
  }

  @Override
  public List<GenericKubernetesResource> list(ResourceKind kind, String namespace) {
    return objects.stream()
        .filter(o -> kind.apiVersion().equals(o.getApiVersion()) && kind.kind().equals(o.getKind()))
        .filter(o -> namespace == null || Objects.equals(namespace, o.getMetadata().getNamespace()))
        .map(YamlObjectSource::copy)
        .toList();
  }

  private static GenericKubernetesResource copy(GenericKubernetesResource o) {
    return JSON.convertValue(JSON.valueToTree(o), GenericKubernetesResource.class);
  }
}
