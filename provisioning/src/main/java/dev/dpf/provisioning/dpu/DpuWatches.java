package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.K8sCluster;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.provisioning.nodeeffect.NodeMaintenances;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the DPU controller waits on, as informers whose events wake the DPUs concerned (no polling):
 * <ul>
 *   <li>its pods {@code <dpu>-dms} and {@code <dpu>-hostnetwork} (label {@code provisioning.dpu.nvidia.com/component},
 *       owner reference);</li>
 *   <li>BFBs (phase changes, creation, deletion) → the DPUs of the namespace that name them;</li>
 *   <li>DPUClusters → the DPUs assigned to them and the DPUs waiting for a cluster;</li>
 *   <li>NodeMaintenances (drain) → their owners (every DPU sharing one is an owner);</li>
 *   <li>host Nodes (labels, annotations, addresses, deletion; not heartbeats) → the DPUs on them;</li>
 *   <li>an inbound source for the background tasks and the DPU-cluster Node watches.</li>
 * </ul>
 */
@Rbac(group = "", resources = {"pods"}, verbs = {"get", "list", "watch"})
@Rbac(group = "", resources = {"nodes"}, verbs = {"get", "list", "watch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"bfbs", "dpuclusters"}, verbs = {"get", "list", "watch"})
@Rbac(group = "maintenance.nvidia.com", resources = {"nodemaintenances"}, verbs = {"get", "list", "watch"})
final class DpuWatches {

  static final String POD_SELECTOR = ProvisioningLabels.COMPONENT + " in (" + ProvisioningLabels.COMPONENT_DMS + ","
      + DpuObjects.COMPONENT_HOSTNETWORK + ")";

  private final SimpleInboundEventSource<DPU> inbound = new SimpleInboundEventSource<>("dpu-inbound");
  private volatile IndexerResourceCache<DPU> dpus;
  private volatile InformerEventSource<Pod, DPU> pods;
  private volatile InformerEventSource<BFB, DPU> bfbs;
  private volatile InformerEventSource<DPUCluster, DPU> clusters;
  private volatile InformerEventSource<Node, DPU> nodes;

  List<EventSource<?, DPU>> create(EventSourceContext<DPU> context) {
    dpus = context.getPrimaryCache();
    pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, DPU.class)
        .withName("dpu-pods")
        .withNamespacesInheritedFromController()
        .withLabelSelector(POD_SELECTOR)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(DPU.class, false))
        .build(), context);
    bfbs = new InformerEventSource<>(InformerEventSourceConfiguration.from(BFB.class, DPU.class)
        .withName("dpu-bfbs")
        .withNamespacesInheritedFromController()
        .withOnUpdateFilter((now, old) -> !Objects.equals(phase(now), phase(old)))
        .withSecondaryToPrimaryMapper(bfb -> ids(dpu -> dpu.getMetadata().getNamespace().equals(
            bfb.getMetadata().getNamespace()) && dpu.getSpec() != null
            && bfb.getMetadata().getName().equals(dpu.getSpec().getBfb())))
        .build(), context);
    clusters = new InformerEventSource<>(InformerEventSourceConfiguration.from(DPUCluster.class, DPU.class)
        .withName("dpu-dpuclusters")
        // the namespaces the operator watches, as the DPU-cluster runtime does (it only runs for those clusters)
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(c -> ids(dpu -> unassigned(dpu)
            || assignedTo(dpu, c.getMetadata().getNamespace(), c.getMetadata().getName())))
        .build(), context);
    nodes = new InformerEventSource<>(InformerEventSourceConfiguration.from(Node.class, DPU.class)
        .withName("dpu-host-nodes")
        .withWatchAllNamespaces()
        .withOnUpdateFilter((now, old) -> !Objects.equals(now.getMetadata().getLabels(), old.getMetadata().getLabels())
            || !Objects.equals(now.getMetadata().getAnnotations(), old.getMetadata().getAnnotations())
            || !Objects.equals(now.getMetadata().getDeletionTimestamp(), old.getMetadata().getDeletionTimestamp())
            || !Objects.equals(addresses(now), addresses(old)))
        .withSecondaryToPrimaryMapper(node -> ids(dpu -> dpu.getSpec() != null
            && node.getMetadata().getName().equals(dpu.getSpec().getNodeName())))
        .build(), context);
    InformerEventSource<GenericKubernetesResource, DPU> maintenances = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(new GroupVersionKind("maintenance.nvidia.com", "v1alpha1",
                NodeMaintenances.KIND), DPU.class)
            .withName("dpu-nodemaintenances")
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(DPU.class, false))
            .build(), context);
    return List.of(inbound, pods, bfbs, clusters, nodes, maintenances);
  }

  /** Wakes a DPU (background task progress or completion). */
  void wake(ResourceID dpu) {
    inbound.propagateEvent(dpu);
  }

  /** Wakes the DPUs named {@code nodeName} that are assigned to a DPU cluster. */
  void wakeDpuNode(String clusterNamespace, String clusterName, String nodeName) {
    if (dpus == null) {
      return;
    }
    dpus.list(dpu -> dpu.getMetadata().getName().equals(nodeName) && assignedTo(dpu, clusterNamespace, clusterName))
        .forEach(dpu -> inbound.propagateEvent(ResourceID.fromResource(dpu)));
  }

  Optional<Pod> pod(String namespace, String name) {
    return pods.get(new ResourceID(name, namespace));
  }

  Optional<BFB> bfb(String namespace, String name) {
    return bfbs.get(new ResourceID(name, namespace));
  }

  Optional<Node> node(String name) {
    return nodes.get(new ResourceID(name));
  }

  Optional<DPUCluster> cluster(String namespace, String name) {
    return clusters.get(new ResourceID(name, namespace));
  }

  List<DPUCluster> clusters() {
    return clusters.list().toList();
  }

  List<DPU> dpus() {
    return dpus.list().toList();
  }

  private Set<ResourceID> ids(java.util.function.Predicate<DPU> which) {
    if (dpus == null) {
      return Set.of();
    }
    return dpus.list(which).map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  static boolean unassigned(DPU dpu) {
    K8sCluster c = dpu.getSpec() == null ? null : dpu.getSpec().getCluster();
    return c == null || c.getName() == null || c.getName().isEmpty();
  }

  /** The namespace of the DPU's cluster (an empty namespace means the DPU's). */
  static String clusterNamespace(DPU dpu) {
    K8sCluster c = dpu.getSpec().getCluster();
    return c.getNamespace() == null || c.getNamespace().isEmpty() ? dpu.getMetadata().getNamespace()
        : c.getNamespace();
  }

  static boolean assignedTo(DPU dpu, String namespace, String name) {
    return !unassigned(dpu) && dpu.getSpec().getCluster().getName().equals(name)
        && clusterNamespace(dpu).equals(namespace);
  }

  private static Object phase(BFB bfb) {
    return bfb.getStatus() == null ? null : bfb.getStatus().getPhase();
  }

  private static Object addresses(Node node) {
    return node.getStatus() == null ? null : node.getStatus().getAddresses();
  }
}
