package dev.dpf.dpuservice.dpudeployment;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.BFBPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.dpuservice.template.ConfigurationValidation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dependencies of a DPUDeployment (reference dpuservice.md 12.3): resolving them from the caches, marking them
 * with finalizer {@code dpu.nvidia.com/dpudeployment} and the v25.1 per-DPUDeployment label
 * {@code svc.dpu.nvidia.com/consumed-by-dpudeployment-<digest>: ""}, and releasing those no longer used. The
 * finalizer is removed only when no consumer label of any DPUDeployment remains, so shared dependencies stay
 * protected.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"bfbs", "dpuflavors"}, verbs = {"patch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservicetemplates", "dpuserviceconfigurations"},
    verbs = {"patch"})
final class Dependencies {

  /** The resolved dependencies of one reconcile. */
  record Resolved(BFB bfb, DPUFlavor flavor, Map<String, DPUServiceTemplate> templates,
      Map<String, DPUServiceConfiguration> configurations) {

    List<HasMetadata> all() {
      List<HasMetadata> all = new ArrayList<>();
      all.add(bfb);
      all.add(flavor);
      all.addAll(templates.values());
      all.addAll(configurations.values());
      return all;
    }
  }

  /** A dependency is missing or unusable; the message lists every problem. */
  static final class DependencyException extends Exception {
    private static final long serialVersionUID = 1L;

    DependencyException(String message) {
      super(message);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  private static final String LEGACY_LABEL = ServiceLabels.CONSUMED_BY_DPUDEPLOYMENT_NAME;

  private final Sources sources;
  private final KubernetesClient client;

  Dependencies(Sources sources, KubernetesClient client) {
    this.sources = sources;
    this.client = client;
  }

  Resolved resolve(DPUDeployment dep) throws DependencyException {
    String ns = dep.getMetadata().getNamespace();
    List<String> errors = new ArrayList<>();
    BFB bfb = null;
    String bfbName = dep.getSpec().getDpus().getBfb();
    if (bfbName == null) {
      errors.add("spec.dpus.blueFieldSoftware is not supported by this implementation; use spec.dpus.bfb");
    } else {
      bfb = find(sources.bfbs, ns, bfbName, "provisioning.dpu.nvidia.com/v1alpha1, Kind=BFB", "bfbs", errors);
      if (bfb != null && (bfb.getStatus() == null || bfb.getStatus().getPhase() != BFBPhase.READY)) {
        errors.add("BFB is not ready yet");
      }
    }
    DPUFlavor flavor = null;
    String flavorName = dep.getSpec().getDpus().getFlavor();
    if (flavorName == null) {
      errors.add("spec.dpus.flavorTemplate is not supported by this implementation; use spec.dpus.flavor");
    } else {
      flavor = find(sources.flavors, ns, flavorName, "provisioning.dpu.nvidia.com/v1alpha1, Kind=DPUFlavor",
          "dpuflavors", errors);
    }
    Map<String, DPUServiceTemplate> templates = new TreeMap<>();
    Map<String, DPUServiceConfiguration> configurations = new TreeMap<>();
    for (Map.Entry<String, DPUDeploymentServiceConfiguration> e : new TreeMap<>(dep.getSpec().getServices())
        .entrySet()) {
      String key = e.getKey();
      DPUServiceTemplate t = find(sources.templates, ns, e.getValue().getServiceTemplate(),
          "svc.dpu.nvidia.com/v1alpha1, Kind=DPUServiceTemplate", "dpuservicetemplates", errors);
      if (t != null) {
        if (!key.equals(t.getSpec().getDeploymentServiceName())) {
          errors.add("service in DPUServiceTemplate " + ns + "/" + t.getMetadata().getName()
              + " doesn't match requested service in DPUDeployment");
        } else if (!templateReady(t)) {
          errors.add("DPUServiceTemplate " + ns + "/" + t.getMetadata().getName() + " is not ready yet");
        } else {
          templates.put(key, t);
        }
      }
      DPUServiceConfiguration c = find(sources.configurations, ns, e.getValue().getServiceConfiguration(),
          "svc.dpu.nvidia.com/v1alpha1, Kind=DPUServiceConfiguration", "dpuserviceconfigurations", errors);
      if (c != null) {
        List<String> invalid = ConfigurationValidation.validate(c);
        if (!key.equals(c.getSpec().getDeploymentServiceName())) {
          errors.add("service in DPUServiceConfiguration " + ns + "/" + c.getMetadata().getName()
              + " doesn't match requested service in DPUDeployment");
        } else if (!invalid.isEmpty()) {
          errors.add("DPUServiceConfiguration " + ns + "/" + c.getMetadata().getName() + " is invalid: "
              + String.join(", ", invalid));
        } else {
          configurations.put(key, c);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new DependencyException(String.join(", ", errors));
    }
    return new Resolved(bfb, flavor, templates, configurations);
  }

  private static boolean templateReady(DPUServiceTemplate t) {
    return t.getStatus() != null && StatusConditions.isTrue(t.getStatus(), Conditions.READY)
        && Objects.equals(t.getStatus().getObservedGeneration(), t.getMetadata().getGeneration());
  }

  private static <R extends HasMetadata> R find(InformerEventSource<R, DPUDeployment> source, String ns,
      String name, String gvk, String plural, List<String> errors) {
    Optional<R> found = Sources.get(source, ns, name);
    if (found.isEmpty()) {
      errors.add("error while getting " + gvk + " " + ns + "/" + name + ": " + plural + "." + group(gvk) + " \""
          + name + "\" not found");
      return null;
    }
    return found.get();
  }

  private static String group(String gvk) {
    return gvk.substring(0, gvk.indexOf('/'));
  }

  static String consumerLabel(DPUDeployment dep) {
    return ServiceLabels.consumedByDpuDeploymentLabel(
        Digests.consumerDigest(dep.getMetadata().getNamespace(), dep.getMetadata().getName()));
  }

  /** Adds the finalizer and this DPUDeployment's label to every dependency that lacks them. */
  void mark(DPUDeployment dep, Resolved resolved) {
    String label = consumerLabel(dep);
    for (HasMetadata obj : resolved.all()) {
      boolean labelled = obj.getMetadata().getLabels() != null && obj.getMetadata().getLabels().containsKey(label);
      boolean finalized = obj.getMetadata().getFinalizers() != null
          && obj.getMetadata().getFinalizers().contains(DPUDeployment.FINALIZER);
      if (labelled && finalized) {
        continue;
      }
      List<String> finalizers = new ArrayList<>(Optional.ofNullable(obj.getMetadata().getFinalizers())
          .orElse(List.of()));
      if (!finalized) {
        finalizers.add(DPUDeployment.FINALIZER);
      }
      Map<String, Object> labels = new LinkedHashMap<>();
      labels.put(label, "");
      patch(obj, labels, finalizers);
    }
  }

  /** Releases the dependencies this DPUDeployment marked that are not in {@code current} (all when null). */
  void release(DPUDeployment dep, Resolved current) {
    String label = consumerLabel(dep);
    String ns = dep.getMetadata().getNamespace();
    List<HasMetadata> marked = new ArrayList<>();
    for (InformerEventSource<? extends HasMetadata, DPUDeployment> source : List.of(sources.bfbs, sources.flavors,
        sources.templates, sources.configurations)) {
      source.list(ns, o -> isMarkedBy(o, label, dep)).forEach(marked::add);
    }
    List<String> keep = current == null ? List.of() : current.all().stream()
        .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    for (HasMetadata obj : marked) {
      if (keep.contains(obj.getKind() + "/" + obj.getMetadata().getName())) {
        continue;
      }
      Map<String, Object> labels = new LinkedHashMap<>();
      labels.put(label, null);
      Map<String, String> existing = obj.getMetadata().getLabels() == null ? Map.of() : obj.getMetadata().getLabels();
      if (dep.getMetadata().getName().equals(existing.get(LEGACY_LABEL))) {
        labels.put(LEGACY_LABEL, null);
      }
      boolean otherConsumers = existing.keySet().stream().anyMatch(k -> !labels.containsKey(k)
          && (k.startsWith(ServiceLabels.CONSUMED_BY_DPUDEPLOYMENT_PREFIX) || k.equals(LEGACY_LABEL)));
      List<String> finalizers = new ArrayList<>(Optional.ofNullable(obj.getMetadata().getFinalizers())
          .orElse(List.of()));
      if (!otherConsumers) {
        finalizers.remove(DPUDeployment.FINALIZER);
      }
      patch(obj, labels, finalizers);
    }
  }

  private static boolean isMarkedBy(HasMetadata o, String label, DPUDeployment dep) {
    Map<String, String> labels = o.getMetadata().getLabels();
    return labels != null && (labels.containsKey(label)
        || dep.getMetadata().getName().equals(labels.get(LEGACY_LABEL)));
  }

  /** Merge patch of labels and the full finalizer list, guarded by the resourceVersion read (409 on a race). */
  private void patch(HasMetadata obj, Map<String, Object> labels, List<String> finalizers) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", obj.getMetadata().getResourceVersion());
    metadata.put("labels", labels);
    metadata.put("finalizers", finalizers);
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("metadata", metadata)); // keeps null values: they delete labels
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    client.resources(obj.getClass()).inNamespace(obj.getMetadata().getNamespace())
        .withName(obj.getMetadata().getName())
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
            .withFieldManager(DPUDeployment.FIELD_OWNER).build(), body);
  }
}
