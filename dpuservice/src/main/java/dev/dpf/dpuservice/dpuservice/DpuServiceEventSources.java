package dev.dpf.dpuservice.dpuservice;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.runtime.OperatorSettings;
import dev.dpf.dpuservice.argocd.ArgoCd;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What wakes a DPUService (reference 10.1), all event driven: its Argo CD Applications (by label), the
 * DPUServiceInterfaces it lists, DPUClusters (all DPUServices), the DPFOperatorConfig (all), image pull Secrets (the
 * DPUServices of their namespace), its config-port Service and EndpointSlice, and DPU-cluster changes reported by
 * {@link DpuClusterServices} and the DPU cluster runtime.
 */
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs"}, verbs = {"get", "list", "watch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"}, verbs = {"get", "list", "watch"})
@Rbac(group = "argoproj.io", resources = {"applications"}, verbs = {"get", "list", "watch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceinterfaces"}, verbs = {"get", "list", "watch"})
@Rbac(group = "", resources = {"secrets", "services"}, verbs = {"get", "list", "watch"})
@Rbac(group = "discovery.k8s.io", resources = {"endpointslices"}, verbs = {"get", "list", "watch"})
final class DpuServiceEventSources {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  final InformerEventSource<GenericKubernetesResource, DPUService> applications;
  final InformerEventSource<DPUServiceInterface, DPUService> interfaces;
  final InformerEventSource<DPUCluster, DPUService> clusters;
  final InformerEventSource<DPFOperatorConfig, DPUService> operatorConfigs;
  final InformerEventSource<Secret, DPUService> pullSecrets;
  final InformerEventSource<Service, DPUService> hostServices;
  final InformerEventSource<EndpointSlice, DPUService> hostSlices;
  final SimpleInboundEventSource<DPUService> remote = new SimpleInboundEventSource<>("dpuservice-remote");
  private final IndexerResourceCache<DPUService> primaries;

  DpuServiceEventSources(EventSourceContext<DPUService> context, OperatorSettings settings) {
    this.primaries = context.getPrimaryCache();
    Set<String> operatorNamespace = Set.of(settings.operatorNamespace());
    Set<String> watched = settings.watchNamespaces();

    applications = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(ArgoCd.APPLICATION_GVK, DPUService.class)
        .withName("applications")
        .withNamespaces(operatorNamespace)
        .withLabelSelector(ServiceLabels.DPUSERVICE_NAME)
        .withSecondaryToPrimaryMapper(DpuServiceEventSources::fromLabels)
        .build(), context);

    interfaces = new InformerEventSource<>(namespaces(InformerEventSourceConfiguration
        .from(DPUServiceInterface.class, DPUService.class), watched)
        .withName("dpuserviceinterfaces")
        .withOnUpdateFilter((a, b) -> !Objects.equals(InterfaceBinding.innerSpec(a).map(s -> s.getService())
            .map(DpuServiceEventSources::json).orElse(null), InterfaceBinding.innerSpec(b).map(s -> s.getService())
            .map(DpuServiceEventSources::json).orElse(null))
            || !Objects.equals(InterfaceBinding.innerSpec(a).map(s -> s.getInterfaceType()).orElse(null),
                InterfaceBinding.innerSpec(b).map(s -> s.getInterfaceType()).orElse(null))
            || !Objects.equals(InterfaceBinding.annotation(a, ServiceLabels.CONSUMED_BY),
                InterfaceBinding.annotation(b, ServiceLabels.CONSUMED_BY)))
        .withSecondaryToPrimaryMapper(dsi -> select(s -> s.getMetadata().getNamespace()
            .equals(dsi.getMetadata().getNamespace()) && s.getSpec() != null && s.getSpec().getInterfaces() != null
            && s.getSpec().getInterfaces().contains(dsi.getMetadata().getName())))
        .build(), context);

    Set<String> clusterNamespaces = new HashSet<>(watched);
    if (!watched.isEmpty()) {
      clusterNamespaces.add(settings.operatorNamespace());
    }
    clusters = new InformerEventSource<>(namespaces(InformerEventSourceConfiguration
        .from(DPUCluster.class, DPUService.class), clusterNamespaces)
        .withName("dpuclusters")
        .withOnUpdateFilter((a, b) -> !Objects.equals(phase(a), phase(b))
            || !Objects.equals(a.getMetadata().getLabels(), b.getMetadata().getLabels())
            || !Objects.equals(a.getMetadata().getDeletionTimestamp(), b.getMetadata().getDeletionTimestamp())
            || !Objects.equals(kubeconfig(a), kubeconfig(b)))
        .withSecondaryToPrimaryMapper(c -> select(s -> true))
        .build(), context);

    operatorConfigs = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(DPFOperatorConfig.class, DPUService.class)
        .withName("dpfoperatorconfigs")
        .withNamespaces(operatorNamespace)
        .withOnUpdateFilter((a, b) -> !Objects.equals(a.getMetadata().getUid(), b.getMetadata().getUid()))
        .withSecondaryToPrimaryMapper(c -> select(s -> true))
        .build(), context);

    pullSecrets = new InformerEventSource<>(namespaces(InformerEventSourceConfiguration
        .from(Secret.class, DPUService.class), watched)
        .withName("image-pull-secrets")
        .withLabelSelector(ServiceLabels.IMAGE_PULL_SECRET)
        .withSecondaryToPrimaryMapper(secret -> select(s -> s.getMetadata().getNamespace()
            .equals(secret.getMetadata().getNamespace())))
        .build(), context);

    hostServices = new InformerEventSource<>(namespaces(InformerEventSourceConfiguration
        .from(Service.class, DPUService.class), watched)
        .withName("config-port-services")
        .withLabelSelector(ServiceLabels.EXPOSED_PORT_FOR_DPUCLUSTER)
        .withSecondaryToPrimaryMapper(DpuServiceEventSources::fromLabels)
        .build(), context);

    hostSlices = new InformerEventSource<>(namespaces(InformerEventSourceConfiguration
        .from(EndpointSlice.class, DPUService.class), watched)
        .withName("config-port-endpointslices")
        .withLabelSelector(ServiceLabels.EXPOSED_PORT_FOR_DPUCLUSTER)
        .withSecondaryToPrimaryMapper(DpuServiceEventSources::fromLabels)
        .build(), context);
  }

  List<EventSource<?, DPUService>> all() {
    return List.of(applications, interfaces, clusters, operatorConfigs, pullSecrets, hostServices, hostSlices,
        remote);
  }

  /** Wakes one DPUService. */
  void wake(String namespace, String name) {
    remote.propagateEvent(new ResourceID(name, namespace));
  }

  /** Wakes the DPUServices that match. */
  void wakeAll(Predicate<DPUService> which) {
    select(which).forEach(remote::propagateEvent);
  }

  private Set<ResourceID> select(Predicate<DPUService> which) {
    return primaries.list(which).map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> namespaces(
      InformerEventSourceConfiguration.Builder<R> builder, Set<String> namespaces) {
    return namespaces.isEmpty() ? builder.withWatchAllNamespaces() : builder.withNamespaces(namespaces);
  }

  private static Set<ResourceID> fromLabels(HasMetadata o) {
    Map<String, String> labels = o.getMetadata().getLabels();
    if (labels == null || labels.get(ServiceLabels.DPUSERVICE_NAME) == null
        || labels.get(ServiceLabels.DPUSERVICE_NAMESPACE) == null) {
      return Set.of();
    }
    return Set.of(new ResourceID(labels.get(ServiceLabels.DPUSERVICE_NAME),
        labels.get(ServiceLabels.DPUSERVICE_NAMESPACE)));
  }

  private static String json(Object o) {
    return SERIALIZATION.asJson(o);
  }

  private static Object phase(DPUCluster c) {
    return c.getStatus() == null ? null : c.getStatus().getPhase();
  }

  private static String kubeconfig(DPUCluster c) {
    return c.getSpec() == null ? null : c.getSpec().getKubeconfig();
  }
}
