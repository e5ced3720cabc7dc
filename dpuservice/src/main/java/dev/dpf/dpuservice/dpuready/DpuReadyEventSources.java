package dev.dpf.dpuservice.dpuready;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.K8sCluster;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What wakes a host Node for the dpu-ready taint: its DPUs (by {@code spec.nodeName}), critical DPUServices (all
 * hosts with DPUs), the DPFOperatorConfig (all hosts) and DPU-cluster pod/node changes mapped through the DPU of the
 * same name.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus"}, verbs = {"get", "list", "watch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservices"}, verbs = {"get", "list", "watch"})
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs"}, verbs = {"get", "list", "watch"})
final class DpuReadyEventSources {

  private static final String BY_HOST = "host";
  private static final String BY_NAME = "name";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  final InformerEventSource<DPU, Node> dpus;
  final InformerEventSource<DPUService, Node> services;
  final InformerEventSource<DPFOperatorConfig, Node> operatorConfigs;
  final SimpleInboundEventSource<Node> remote = new SimpleInboundEventSource<>("dpuready-remote");

  DpuReadyEventSources(EventSourceContext<Node> context, OperatorSettings settings) {
    Set<String> watched = settings.watchNamespaces();
    dpus = new InformerEventSource<>(namespaces(InformerEventSourceConfiguration.from(DPU.class, Node.class),
        watched)
        .withName("dpus")
        .withOnUpdateFilter((a, b) -> !Objects.equals(host(a), host(b))
            || !Objects.equals(json(cluster(a)), json(cluster(b)))
            || !Objects.equals(a.getMetadata().getDeletionTimestamp(), b.getMetadata().getDeletionTimestamp()))
        .withSecondaryToPrimaryMapper(d -> host(d) == null ? Set.of() : Set.of(new ResourceID(host(d))))
        .build(), context);
    dpus.addIndexers(Map.of(
        BY_HOST, d -> host(d) == null ? List.of() : List.of(host(d)),
        BY_NAME, d -> List.of(d.getMetadata().getName())));

    services = new InformerEventSource<>(namespaces(InformerEventSourceConfiguration
        .from(DPUService.class, Node.class), watched)
        .withName("critical-dpuservices")
        .withOnUpdateFilter((a, b) -> CriticalServices.counts(a) != CriticalServices.counts(b)
            || (CriticalServices.counts(b) && !Objects.equals(relevant(a), relevant(b))))
        .withOnAddFilter(CriticalServices::counts)
        .withSecondaryToPrimaryMapper(s -> allHosts())
        .build(), context);

    operatorConfigs = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(DPFOperatorConfig.class, Node.class)
        .withName("dpuready-dpfoperatorconfigs")
        .withNamespaces(Set.of(settings.operatorNamespace()))
        .withSecondaryToPrimaryMapper(c -> allHosts())
        .build(), context);
  }

  List<EventSource<?, Node>> all() {
    return List.of(dpus, services, operatorConfigs, remote);
  }

  List<DPU> dpusOf(String host) {
    return dpus.byIndex(BY_HOST, host);
  }

  /** Wakes the hosts whose DPU is node {@code nodeName} of DPU cluster {@code cluster}. */
  void wakeHostsOf(ClusterRef cluster, String nodeName) {
    for (DPU dpu : dpus.byIndex(BY_NAME, nodeName)) {
      K8sCluster c = cluster(dpu);
      boolean sameCluster = c == null || c.getName() == null || c.getName().isEmpty()
          || (c.getName().equals(cluster.name()) && (c.getNamespace() == null || c.getNamespace().isEmpty()
              || c.getNamespace().equals(cluster.namespace())));
      if (sameCluster && host(dpu) != null) {
        remote.propagateEvent(new ResourceID(host(dpu)));
      }
    }
  }

  void wakeAllHosts() {
    allHosts().forEach(remote::propagateEvent);
  }

  private Set<ResourceID> allHosts() {
    return dpus.list().map(DpuReadyEventSources::host).filter(Objects::nonNull).map(ResourceID::new)
        .collect(Collectors.toSet());
  }

  private static String host(DPU dpu) {
    return dpu.getSpec() == null ? null : dpu.getSpec().getNodeName();
  }

  private static K8sCluster cluster(DPU dpu) {
    return dpu.getSpec() == null ? null : dpu.getSpec().getCluster();
  }

  /** What of a critical DPUService the taint depends on. */
  private static List<String> relevant(DPUService s) {
    return List.of(String.valueOf(s.getStatus() == null ? null : s.getStatus().getServiceID()),
        json(s.getSpec() == null ? null : s.getSpec().getServiceID()),
        json(s.getSpec() == null || s.getSpec().getServiceDaemonSet() == null ? null
            : s.getSpec().getServiceDaemonSet().getNodeSelector()));
  }

  private static String json(Object o) {
    return o == null ? "null" : SERIALIZATION.asJson(o);
  }

  private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> namespaces(
      InformerEventSourceConfiguration.Builder<R> builder, Set<String> namespaces) {
    return namespaces.isEmpty() ? builder.withWatchAllNamespaces() : builder.withNamespaces(namespaces);
  }
}
