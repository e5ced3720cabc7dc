package dev.dpf.dpuservice.dpuservice;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.InterfaceType;
import dev.dpf.api.svc.v1alpha1.ServiceDaemonSetValues;
import dev.dpf.api.svc.v1alpha1.ServiceDef;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSpec;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DPUService ↔ DPUServiceInterface coupling (reference 10.5, servicechain-operator 2.6): every interface named in
 * {@code spec.interfaces} must exist, be of type {@code service} with the DPUService's service ID, and be used by this
 * DPUService only (annotation {@code dpu.nvidia.com/consumed-by}); the Multus networks of the interfaces are merged
 * into a copy of {@code spec.serviceDaemonSet}. Interfaces are read from the informer cache; only the annotation is
 * written (a JSON patch guarded by the resourceVersion, so two DPUServices cannot both claim one interface).
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceinterfaces"},
    verbs = {"get", "list", "watch", "patch", "update"})
final class InterfaceBinding {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesClient client;
  private final Cache<DPUServiceInterface> interfaces;

  InterfaceBinding(KubernetesClient client, Cache<DPUServiceInterface> interfaces) {
    this.client = client;
    this.interfaces = interfaces;
  }

  /**
   * The effective {@code serviceDaemonSet} values: the spec's, with the interfaces' networks merged into the Multus
   * annotation. Claims each interface for this DPUService.
   */
  ServiceDaemonSetValues effective(DPUService service, String serviceId) throws StepException {
    ServiceDaemonSetValues spec = service.getSpec().getServiceDaemonSet();
    List<String> names = service.getSpec().getInterfaces();
    if (names == null || names.isEmpty()) {
      return spec;
    }
    String namespace = service.getMetadata().getNamespace();
    String owner = service.getMetadata().getName();
    List<MultusNetworks.Derived> derived = new ArrayList<>();
    for (String name : names) {
      DPUServiceInterface dsi = interfaces.get(new ResourceID(name, namespace)).orElse(null);
      if (dsi == null) {
        throw new StepException("dpuserviceinterfaces.svc.dpu.nvidia.com \"" + name + "\" not found", false);
      }
      ServiceInterfaceSpec inner = innerSpec(dsi).orElse(null);
      ServiceDef def = inner == null ? null : inner.getService();
      if (def == null || inner.getInterfaceType() != InterfaceType.SERVICE) {
        throw new StepException("wrong service definition in DPUServiceInterface " + name, false);
      }
      if (serviceId != null && !serviceId.isEmpty() && !serviceId.equals(def.getServiceID())) {
        throw new StepException("conflicting ServiceID in DPUServiceInterface " + name, false);
      }
      String consumer = annotation(dsi, ServiceLabels.CONSUMED_BY);
      if (consumer != null && !consumer.equals(owner)) {
        throw new StepException("dpuServiceInterface " + name + " is in use by another DPUService", false);
      }
      if (consumer == null) {
        claim(dsi, owner);
      }
      derived.add(MultusNetworks.Derived.of(def.getNetwork(), def.getInterfaceName()));
    }
    ServiceDaemonSetValues copy = spec == null ? new ServiceDaemonSetValues()
        : SERIALIZATION.clone(spec);
    Map<String, String> annotations = copy.getAnnotations() == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(copy.getAnnotations());
    try {
      annotations.put(ServiceLabels.MULTUS_NETWORKS,
          MultusNetworks.merge(annotations.get(ServiceLabels.MULTUS_NETWORKS), derived));
    } catch (MultusNetworks.InvalidNetworksException e) {
      throw new StepException(e.getMessage(), false);
    }
    copy.setAnnotations(annotations);
    return copy;
  }

  /** Removes this DPUService's claim from the interfaces it lists (on deletion). */
  void release(DPUService service) throws StepException {
    List<String> names = service.getSpec().getInterfaces();
    if (names == null) {
      return;
    }
    String namespace = service.getMetadata().getNamespace();
    for (String name : names) {
      DPUServiceInterface dsi = interfaces.get(new ResourceID(name, namespace)).orElse(null);
      if (dsi == null || !service.getMetadata().getName().equals(annotation(dsi, ServiceLabels.CONSUMED_BY))) {
        continue;
      }
      String patch = "[{\"op\":\"test\",\"path\":\"/metadata/annotations/" + escape(ServiceLabels.CONSUMED_BY)
          + "\",\"value\":" + JsonNodeFactory.instance.textNode(service.getMetadata().getName()) + "},"
          + "{\"op\":\"remove\",\"path\":\"/metadata/annotations/" + escape(ServiceLabels.CONSUMED_BY) + "\"}]";
      try {
        client.resources(DPUServiceInterface.class).inNamespace(namespace).withName(name)
            .patch(PatchContext.of(PatchType.JSON), patch);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && e.getCode() != 422) {
          throw new StepException("releasing DPUServiceInterface " + name + ": " + Prerequisites.message(e), true, e);
        }
      }
    }
  }

  private void claim(DPUServiceInterface dsi, String owner) throws StepException {
    String name = dsi.getMetadata().getName();
    List<Object> ops = new ArrayList<>();
    ops.add(Map.of("op", "test", "path", "/metadata/resourceVersion", "value",
        dsi.getMetadata().getResourceVersion()));
    if (dsi.getMetadata().getAnnotations() == null || dsi.getMetadata().getAnnotations().isEmpty()) {
      ops.add(Map.of("op", "add", "path", "/metadata/annotations", "value", Map.of(ServiceLabels.CONSUMED_BY, owner)));
    } else {
      ops.add(Map.of("op", "add", "path", "/metadata/annotations/" + escape(ServiceLabels.CONSUMED_BY),
          "value", owner));
    }
    try {
      client.resources(DPUServiceInterface.class).inNamespace(dsi.getMetadata().getNamespace()).withName(name)
          .patch(PatchContext.of(PatchType.JSON), SERIALIZATION.asJson(ops));
    } catch (KubernetesClientException e) {
      // 422: the interface changed since it was cached (maybe claimed by another DPUService); retry from fresh data
      throw new StepException("claiming DPUServiceInterface " + name + ": " + Prerequisites.message(e), true, e);
    }
  }

  static Optional<ServiceInterfaceSpec> innerSpec(DPUServiceInterface dsi) {
    if (dsi.getSpec() == null || dsi.getSpec().getTemplate() == null
        || dsi.getSpec().getTemplate().getSpec() == null
        || dsi.getSpec().getTemplate().getSpec().getTemplate() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(dsi.getSpec().getTemplate().getSpec().getTemplate().getSpec());
  }

  static String annotation(DPUServiceInterface dsi, String key) {
    Map<String, String> annotations = dsi.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  /** JSON pointer escaping of a map key. */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
