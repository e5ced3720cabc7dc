package dev.dpf.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build step that runs after fabric8's CRD generator: it puts printer columns in the order the model class declares
 * them (the generator does not keep that order, and kubectl shows columns in CRD order), and writes the canonical
 * copies as {@code <group>_<plural>.yaml} into an output folder.
 *
 * <p>Usage: {@code CrdPostProcessor <classes dir> <output dir>}.
 */
public final class CrdPostProcessor {

  private static final String HEADER = "# Generated from the Java model in api-crds/ (dev.dpf.api). Do not edit.\n"
      + "# Regenerate with: hack/update-crds.sh\n";

  private CrdPostProcessor() {}

  public static void main(String[] args) throws Exception {
    Path classes = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Map<String, Class<?>> kinds = customResourceClasses(classes);
    Path generated = classes.resolve("META-INF/fabric8");
    Files.createDirectories(out);
    try (Stream<Path> files = Files.list(out)) {
      for (Path old : (Iterable<Path>) files::iterator) {
        Files.delete(old);
      }
    }
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<Path> crdFiles;
    try (Stream<Path> files = Files.list(generated)) {
      crdFiles = files.filter(p -> p.toString().endsWith("-v1.yml")).sorted().toList();
    }
    for (Path file : crdFiles) {
      CustomResourceDefinition crd =
          serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
      String key = crd.getSpec().getGroup() + "/" + crd.getSpec().getNames().getKind();
      Class<?> type = kinds.get(key);
      if (type == null) {
        throw new IllegalStateException("no model class for generated CRD " + key);
      }
      orderPrinterColumns(crd, type);
      conditionsAsListMap(crd);
      SchemaUnions.apply(crd);
      String yaml = HEADER + serialization.asYaml(crd);
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      String name = crd.getSpec().getGroup() + "_" + crd.getSpec().getNames().getPlural() + ".yaml";
      Files.writeString(out.resolve(name), yaml, StandardCharsets.UTF_8);
    }
    System.out.println("[crd] post-processed " + crdFiles.size() + " CRDs into " + out);
  }

  private static void orderPrinterColumns(CustomResourceDefinition crd, Class<?> type) {
    AdditionalPrinterColumn[] declared = type.getAnnotationsByType(AdditionalPrinterColumn.class);
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < declared.length; i++) {
      order.put(declared[i].name(), i);
    }
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
      if (columns == null) {
        continue;
      }
      List<CustomResourceColumnDefinition> sorted = new ArrayList<>(columns);
      sorted.sort(Comparator.comparingInt(c -> order.getOrDefault(c.getName(), Integer.MAX_VALUE)));
      version.setAdditionalPrinterColumns(sorted);
    }
  }

  /**
   * Makes {@code status.conditions} a list-map keyed by {@code type} (as Kubernetes does for metav1.Condition lists):
   * with server-side apply, each controller then owns only the condition types it writes.
   */
  private static void conditionsAsListMap(CustomResourceDefinition crd) {
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      JSONSchemaProps status = version.getSchema().getOpenAPIV3Schema().getProperties().get("status");
      if (status == null || status.getProperties() == null) {
        continue;
      }
      JSONSchemaProps conditions = status.getProperties().get("conditions");
      if (conditions == null || conditions.getItems() == null || conditions.getItems().getSchema() == null) {
        continue;
      }
      conditions.setXKubernetesListType("map");
      conditions.setXKubernetesListMapKeys(List.of("type"));
      JSONSchemaProps item = conditions.getItems().getSchema();
      List<String> required = new ArrayList<>(item.getRequired() == null ? List.of() : item.getRequired());
      for (String key : List.of("type", "status")) {
        if (!required.contains(key)) {
          required.add(key);
        }
      }
      item.setRequired(required);
    }
  }

  private static Map<String, Class<?>> customResourceClasses(Path classes) throws IOException {
    Map<String, Class<?>> result = new HashMap<>();
    ClassLoader loader = CrdPostProcessor.class.getClassLoader();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String rel = classes.relativize(file).toString();
        if (!rel.endsWith(".class") || rel.contains("$") || rel.startsWith("META-INF")) {
          continue;
        }
        String className = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
        Class<?> type;
        try {
          type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        if (CustomResource.class.isAssignableFrom(type)) {
          String group = io.fabric8.kubernetes.api.model.HasMetadata.getGroup(type.asSubclass(io.fabric8.kubernetes.api.model.HasMetadata.class));
          String kind = io.fabric8.kubernetes.api.model.HasMetadata.getKind(type.asSubclass(io.fabric8.kubernetes.api.model.HasMetadata.class));
          result.put(group + "/" + kind, type);
        }
      }
    }
    return result;
  }
}
