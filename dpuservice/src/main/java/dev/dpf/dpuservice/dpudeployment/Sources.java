package dev.dpf.dpuservice.dpudeployment;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The informers of the DPUDeployment controller (reference dpuservice.md 12.1): dependencies (BFB, DPUFlavor,
 * templates, configurations) mapped to the DPUDeployments of the same namespace that reference them, and the
 * generated objects (by the owner label) mapped to their DPUDeployment. Reads go through these caches.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"bfbs", "dpuflavors"},
    verbs = {"get", "list", "watch", "patch", "update"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservicetemplates", "dpuserviceconfigurations"},
    verbs = {"get", "list", "watch", "patch", "update"})
final class Sources {

  InformerEventSource<BFB, DPUDeployment> bfbs;
  InformerEventSource<DPUFlavor, DPUDeployment> flavors;
  InformerEventSource<DPUServiceTemplate, DPUDeployment> templates;
  InformerEventSource<DPUServiceConfiguration, DPUDeployment> configurations;
  InformerEventSource<DPUService, DPUDeployment> services;
  InformerEventSource<DPUServiceInterface, DPUDeployment> interfaces;
  InformerEventSource<DPUServiceChain, DPUDeployment> chains;
  InformerEventSource<DPUSet, DPUDeployment> dpuSets;

  List<EventSource<?, DPUDeployment>> create(EventSourceContext<DPUDeployment> context) {
    bfbs = dependency(context, BFB.class, "dpudeployment-bfbs",
        dep -> Set.of(nullToEmpty(dep.getSpec().getDpus().getBfb())));
    flavors = dependency(context, DPUFlavor.class, "dpudeployment-flavors",
        dep -> Set.of(nullToEmpty(dep.getSpec().getDpus().getFlavor())));
    templates = dependency(context, DPUServiceTemplate.class, "dpudeployment-templates",
        dep -> services(dep, DPUDeploymentServiceConfiguration::getServiceTemplate));
    configurations = dependency(context, DPUServiceConfiguration.class, "dpudeployment-configurations",
        dep -> services(dep, DPUDeploymentServiceConfiguration::getServiceConfiguration));
    services = owned(context, DPUService.class, "dpudeployment-dpuservices");
    interfaces = owned(context, DPUServiceInterface.class, "dpudeployment-dpuserviceinterfaces");
    chains = owned(context, DPUServiceChain.class, "dpudeployment-dpuservicechains");
    dpuSets = owned(context, DPUSet.class, "dpudeployment-dpusets");
    return List.of(bfbs, flavors, templates, configurations, services, interfaces, chains, dpuSets);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Set<String> services(DPUDeployment dep, Function<DPUDeploymentServiceConfiguration, String> ref) {
    Map<String, DPUDeploymentServiceConfiguration> services = dep.getSpec().getServices();
    if (services == null) {
      return Set.of();
    }
    return services.values().stream().filter(s -> s != null && ref.apply(s) != null).map(ref)
        .collect(Collectors.toSet());
  }

  private static <R extends HasMetadata> InformerEventSource<R, DPUDeployment> dependency(
      EventSourceContext<DPUDeployment> context, Class<R> type, String name,
      Function<DPUDeployment, Set<String>> references) {
    InformerEventSourceConfiguration<R> config = InformerEventSourceConfiguration.from(type, DPUDeployment.class)
        .withName(name)
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(obj -> context.getPrimaryCache()
            .list(obj.getMetadata().getNamespace(), dep -> dep.getSpec() != null
                && references.apply(dep).contains(obj.getMetadata().getName()))
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()))
        .build();
    return new InformerEventSource<>(config, context);
  }

  private static <R extends HasMetadata> InformerEventSource<R, DPUDeployment> owned(
      EventSourceContext<DPUDeployment> context, Class<R> type, String name) {
    InformerEventSourceConfiguration<R> config = InformerEventSourceConfiguration.from(type, DPUDeployment.class)
        .withName(name)
        .withNamespacesInheritedFromController()
        .withLabelSelector(ServiceLabels.OWNED_BY_DPUDEPLOYMENT)
        .withSecondaryToPrimaryMapper(obj -> owner(obj).map(Set::of).orElse(Set.of()))
        .build();
    return new InformerEventSource<>(config, context);
  }

  /** The DPUDeployment named by an object's owner label {@code <namespace>_<name>}. */
  static Optional<ResourceID> owner(HasMetadata obj) {
    Map<String, String> labels = obj.getMetadata().getLabels();
    String value = labels == null ? null : labels.get(ServiceLabels.OWNED_BY_DPUDEPLOYMENT);
    if (value == null || value.indexOf('_') <= 0) {
      return Optional.empty();
    }
    int i = value.indexOf('_');
    return Optional.of(new ResourceID(value.substring(i + 1), value.substring(0, i)));
  }

  /** Owned objects of a DPUDeployment from a cache. */
  static <R extends HasMetadata> List<R> ownedBy(InformerEventSource<R, DPUDeployment> source, DPUDeployment dep) {
    String value = dep.ownerLabelValue();
    return source.list(dep.getMetadata().getNamespace(), o -> o.getMetadata().getLabels() != null
        && value.equals(o.getMetadata().getLabels().get(ServiceLabels.OWNED_BY_DPUDEPLOYMENT))).toList();
  }

  static <R extends HasMetadata> Optional<R> get(InformerEventSource<R, DPUDeployment> source, String namespace,
      String name) {
    return name == null ? Optional.empty() : source.get(new ResourceID(name, namespace));
  }
}
