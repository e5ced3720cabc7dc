package dev.dpf.dpuservice.dpuservice;

import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.dpuservice.argocd.Applications;
import dev.dpf.dpuservice.argocd.Applications.Target;
import dev.dpf.dpuservice.argocd.ArgoCd;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Creates, updates, pauses and deletes the Argo CD Applications of DPUServices (reference 10.7, 10.9, 10.10). Reads
 * come from the Application informer (the controller watches Applications in the operator namespace); writes are
 * optimistic (resourceVersion) updates and go back into that cache at once.
 */
@Rbac(group = "argoproj.io", resources = {"applications"},
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
final class ApplicationSync {

  static final String EVENT_CREATED = "ApplicationCreated";
  static final String EVENT_UPDATED = "ApplicationUpdated";
  static final String EVENT_DELETED = "ApplicationDeleted";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesClient client;
  private final InformerEventSource<GenericKubernetesResource, DPUService> cache;
  private final EventRecorder events;

  ApplicationSync(KubernetesClient client, InformerEventSource<GenericKubernetesResource, DPUService> cache,
      EventRecorder events) {
    this.client = client;
    this.cache = cache;
    this.events = events;
  }

  /** The cached Applications of a DPUService (by its two labels), sorted by name. */
  List<GenericKubernetesResource> cached(DPUService service, String operatorNamespace) {
    String name = service.getMetadata().getName();
    String namespace = service.getMetadata().getNamespace();
    return cache.list(operatorNamespace, app -> {
      Map<String, String> labels = app.getMetadata().getLabels();
      return labels != null && name.equals(labels.get(ServiceLabels.DPUSERVICE_NAME))
          && namespace.equals(labels.get(ServiceLabels.DPUSERVICE_NAMESPACE));
    }).sorted(Comparator.comparing(a -> a.getMetadata().getName())).toList();
  }

  /**
   * Ensures one Application per target, then deletes this DPUService's Applications whose name is not in
   * {@code keep} (targets that went away: a deleted DPUCluster, a toggled {@code deployInCluster}).
   */
  void reconcile(DPUService service, List<Target> targets, Set<String> keep,
      Function<Target, Map<String, Object>> values, String operatorNamespace) throws StepException {
    List<String> errors = new ArrayList<>();
    for (Target target : targets) {
      GenericKubernetesResource desired = Applications.desired(service, target, values.apply(target),
          operatorNamespace);
      try {
        ensure(service, desired);
      } catch (KubernetesClientException e) {
        errors.add(operatorNamespace + "/" + desired.getMetadata().getName() + ": " + Prerequisites.message(e));
      }
    }
    for (GenericKubernetesResource app : cached(service, operatorNamespace)) {
      if (!keep.contains(app.getMetadata().getName()) && app.getMetadata().getDeletionTimestamp() == null) {
        try {
          delete(service, app);
        } catch (KubernetesClientException e) {
          errors.add("deleting " + operatorNamespace + "/" + app.getMetadata().getName() + ": "
              + Prerequisites.message(e));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new StepException(StepException.aggregate(errors), true);
    }
  }

  private void ensure(DPUService service, GenericKubernetesResource desired) {
    String namespace = desired.getMetadata().getNamespace();
    String name = desired.getMetadata().getName();
    ResourceID id = new ResourceID(name, namespace);
    GenericKubernetesResource existing = cache.get(id).orElse(null);
    if (existing == null) {
      try {
        GenericKubernetesResource created = apps(namespace).resource(desired).create();
        cache.handleRecentResourceCreate(id, created);
        events.normal(service, EVENT_CREATED, "Created Application " + namespace + "/" + name);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        existing = apps(namespace).withName(name).get();
        if (existing == null) {
          throw e;
        }
      }
    }
    if (existing.getMetadata().getDeletionTimestamp() != null) {
      // Argo CD is still removing the previous incarnation; its deletion event brings us back to re-create it
      return;
    }
    if (Applications.upToDate(existing, desired)) {
      return;
    }
    GenericKubernetesResource updated = SERIALIZATION.clone(existing);
    updated.getAdditionalProperties().put("spec", desired.getAdditionalProperties().get("spec"));
    Map<String, String> labels = new LinkedHashMap<>(
        updated.getMetadata().getLabels() == null ? Map.of() : updated.getMetadata().getLabels());
    labels.putAll(desired.getMetadata().getLabels());
    updated.getMetadata().setLabels(labels);
    if (updated.getMetadata().getAnnotations() != null) {
      Map<String, String> annotations = new HashMap<>(updated.getMetadata().getAnnotations());
      annotations.remove(ServiceLabels.ARGOCD_SKIP_RECONCILE);
      updated.getMetadata().setAnnotations(annotations);
    }
    List<String> finalizers = new ArrayList<>(
        updated.getMetadata().getFinalizers() == null ? List.of() : updated.getMetadata().getFinalizers());
    if (!finalizers.contains(ServiceLabels.ARGOCD_RESOURCES_FINALIZER)) {
      finalizers.add(ServiceLabels.ARGOCD_RESOURCES_FINALIZER);
    }
    updated.getMetadata().setFinalizers(finalizers);
    GenericKubernetesResource result = apps(namespace).resource(updated).update();
    cache.handleRecentResourceUpdate(id, result, existing);
    events.normal(service, EVENT_UPDATED, "Updated Application " + namespace + "/" + name);
  }

  /** Pause: {@code argocd.argoproj.io/skip-reconcile: "true"} on every existing Application of the DPUService. */
  void pause(DPUService service, String operatorNamespace) throws StepException {
    List<String> errors = new ArrayList<>();
    for (GenericKubernetesResource app : cached(service, operatorNamespace)) {
      if (Applications.skipReconcile(app) || app.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      GenericKubernetesResource updated = SERIALIZATION.clone(app);
      Map<String, String> annotations = new HashMap<>(
          updated.getMetadata().getAnnotations() == null ? Map.of() : updated.getMetadata().getAnnotations());
      annotations.put(ServiceLabels.ARGOCD_SKIP_RECONCILE, "true");
      updated.getMetadata().setAnnotations(annotations);
      try {
        GenericKubernetesResource result = apps(operatorNamespace).resource(updated).update();
        cache.handleRecentResourceUpdate(ResourceID.fromResource(app), result, app);
      } catch (KubernetesClientException e) {
        errors.add(operatorNamespace + "/" + app.getMetadata().getName() + ": " + Prerequisites.message(e));
      }
    }
    if (!errors.isEmpty()) {
      throw new StepException(StepException.aggregate(errors), true);
    }
  }

  /**
   * Deletion flow steps 1-2: deletes every Application of the DPUService (read from the API server, not the cache)
   * and returns those still present as {@code <ns>/<name>.argoproj.io}.
   */
  List<String> deleteAll(DPUService service, String operatorNamespace) {
    Map<String, String> selector = Map.of(
        ServiceLabels.DPUSERVICE_NAME, service.getMetadata().getName(),
        ServiceLabels.DPUSERVICE_NAMESPACE, service.getMetadata().getNamespace());
    for (GenericKubernetesResource app : apps(operatorNamespace).withLabels(selector).list().getItems()) {
      if (app.getMetadata().getDeletionTimestamp() == null) {
        delete(service, app);
      }
    }
    return apps(operatorNamespace).withLabels(selector).list().getItems().stream()
        .map(a -> a.getMetadata().getNamespace() + "/" + a.getMetadata().getName() + "." + ArgoCd.GROUP)
        .sorted().toList();
  }

  /** Deletes an Application; a paused one is un-paused first so that Argo CD performs the cascade deletion. */
  private void delete(DPUService service, GenericKubernetesResource app) {
    String namespace = app.getMetadata().getNamespace();
    String name = app.getMetadata().getName();
    Resource<GenericKubernetesResource> resource = apps(namespace).withName(name);
    try {
      if (Applications.skipReconcile(app)) {
        resource.edit(a -> {
          a.getMetadata().getAnnotations().remove(ServiceLabels.ARGOCD_SKIP_RECONCILE);
          return a;
        });
      }
      resource.delete();
      events.normal(service, EVENT_DELETED, "Deleted Application " + namespace + "/" + name);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> apps(String namespace) {
    return client.genericKubernetesResources(ArgoCd.API_VERSION, ArgoCd.APPLICATION).inNamespace(namespace);
  }
}
