package dev.dpf.demo;

import dev.dpf.testing.Crds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample manifests ({@code config/samples/*.yaml}, shipped in the jar under {@value #RESOURCE_DIR}): loaded,
 * adapted to the local environment (each change is reported), and applied in dependency order with server-side
 * apply, as {@code kubectl apply --server-side} would.
 */
final class Manifests {

  static final String RESOURCE_DIR = "dpf-demo-samples";
  static final String FIELD_MANAGER = "kubectl";
  static final List<String> ORDER = List.of("Namespace", "DPFOperatorConfig", "Secret", "DPUCluster", "BFB",
      "DPUFlavor", "DPUServiceIPAM", "DPUServiceInterface", "DPUService", "DPUServiceChain", "DPUSet");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** A local DPU cluster: its admin kubeconfig and version. */
  record DpuClusterInput(String kubeconfig, String version) {}

  /** The objects to apply and the changes made to the samples. */
  record Plan(List<GenericKubernetesResource> objects, List<String> changes) {}

  private Manifests() {}

  /** The sample documents from {@code dir}, or from the jar when {@code dir} is null. */
  static List<GenericKubernetesResource> load(Path dir) {
    List<String> texts = new ArrayList<>();
    if (dir == null) {
      texts.addAll(Crds.resources(RESOURCE_DIR, ".yaml"));
    } else {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          texts.add(Files.readString(file, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the samples in " + dir, e);
      }
    }
    List<GenericKubernetesResource> objects = new ArrayList<>();
    for (String text : texts) {
      for (String doc : text.split("(?m)^---\\s*$")) {
        if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
          objects.add(SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class));
        }
      }
    }
    if (objects.isEmpty()) {
      throw new IllegalStateException("no sample manifests found" + (dir == null ? " in the jar" : " in " + dir));
    }
    return objects;
  }

  /**
   * Adapts the samples: BFB URLs to the local web server, the DPUCluster (and its kubeconfig Secret) repeated per
   * local DPU cluster with that cluster's kubeconfig and version.
   */
  @SuppressWarnings("unchecked")
  static Plan prepare(List<GenericKubernetesResource> samples, String bfbUrl, List<DpuClusterInput> clusters) {
    List<String> changes = new ArrayList<>();
    List<GenericKubernetesResource> out = new ArrayList<>();
    GenericKubernetesResource clusterTemplate = samples.stream().filter(o -> "DPUCluster".equals(o.getKind()))
        .findFirst().orElse(null);
    String secretName = clusterTemplate == null ? null
        : (String) spec(clusterTemplate).get("kubeconfig");
    GenericKubernetesResource secretTemplate = samples.stream()
        .filter(o -> "Secret".equals(o.getKind()) && o.getMetadata().getName().equals(secretName))
        .findFirst().orElse(null);
    for (GenericKubernetesResource o : samples) {
      if (o == clusterTemplate || o == secretTemplate) {
        continue;
      }
      GenericKubernetesResource copy = copy(o);
      if ("BFB".equals(o.getKind())) {
        String original = (String) spec(copy).get("url");
        spec(copy).put("url", bfbUrl);
        changes.add("BFB " + name(copy) + ": spec.url " + original + " -> " + bfbUrl + " (the local web server)");
      }
      out.add(copy);
    }
    if (clusterTemplate != null) {
      String baseName = clusterTemplate.getMetadata().getName();
      for (int i = 0; i < clusters.size(); i++) {
        DpuClusterInput input = clusters.get(i);
        String clusterName = i == 0 ? baseName : renumber(baseName, i + 1);
        String kubeconfigSecret = i == 0 ? secretName : renumber(secretName, i + 1);
        GenericKubernetesResource cluster = copy(clusterTemplate);
        cluster.getMetadata().setName(clusterName);
        spec(cluster).put("kubeconfig", kubeconfigSecret);
        spec(cluster).put("version", input.version());
        out.add(cluster);
        if (secretTemplate != null) {
          GenericKubernetesResource secret = copy(secretTemplate);
          secret.getMetadata().setName(kubeconfigSecret);
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("admin.conf", Base64.getEncoder().encodeToString(input.kubeconfig().getBytes(StandardCharsets.UTF_8)));
          secret.setAdditionalProperty("data", data);
          out.add(secret);
        }
        changes.add("DPUCluster " + clusterName + ": Secret " + kubeconfigSecret
            + " holds the local DPU cluster's admin kubeconfig, spec.version " + input.version());
      }
    }
    out.sort(Comparator.comparingInt(Manifests::rank));
    return new Plan(out, changes);
  }

  /** {@code dpu-cluster-1} → {@code dpu-cluster-2}; a name without "-1" gets "-<n>" appended. */
  static String renumber(String name, int n) {
    int at = name.indexOf("-1");
    return at >= 0 ? name.substring(0, at) + "-" + n + name.substring(at + 2) : name + "-" + n;
  }

  private static int rank(GenericKubernetesResource o) {
    int i = ORDER.indexOf(o.getKind());
    return i < 0 ? ORDER.size() : i;
  }

  /** Applies every object (server-side apply, field manager {@value #FIELD_MANAGER}), in order. */
  static void apply(KubernetesClient client, Plan plan, Console console) {
    for (GenericKubernetesResource o : plan.objects()) {
      client.genericKubernetesResources(o.getApiVersion(), o.getKind())
          .inNamespace(o.getMetadata().getNamespace()).resource(o)
          .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      console.line("applied %s/%s", o.getKind(), o.getMetadata().getName());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource o) {
    return (Map<String, Object>) o.getAdditionalProperties().computeIfAbsent("spec", k -> new LinkedHashMap<>());
  }

  private static String name(GenericKubernetesResource o) {
    return o.getMetadata().getName();
  }

  private static GenericKubernetesResource copy(GenericKubernetesResource o) {
    return SERIALIZATION.unmarshal(SERIALIZATION.asJson(o), GenericKubernetesResource.class);
  }
}
