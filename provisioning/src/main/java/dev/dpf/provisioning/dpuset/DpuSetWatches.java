package dev.dpf.provisioning.dpuset;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateSpec;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The informers of the DPUSet controller and how their events map to DPUSets (no polling):
 * <ul>
 *   <li>Nodes (cluster-wide; only creation, deletion and label changes): the DPUSets whose selectors match the
 *       Node's labels now, plus the DPUSets that own a DPU on the Node (they may have to delete it);</li>
 *   <li>DPUs (owned): the DPUSet named by the {@code dpuset-name}/{@code dpuset-namespace} labels;</li>
 *   <li>BFBs (phase changes) and DPUFlavors (creation, deletion): the DPUSets of the namespace whose template names
 *       them.</li>
 * </ul>
 */
@Rbac(group = "", resources = {"nodes"}, verbs = {"get", "list", "watch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus", "bfbs", "dpuflavors"},
    verbs = {"get", "list", "watch"})
final class DpuSetWatches {

  private static final String BY_NODE = "dpuset-dpus-by-node";

  private volatile InformerEventSource<Node, DPUSet> nodes;
  private volatile InformerEventSource<DPU, DPUSet> dpus;
  private volatile Consumer<DPU> onDpuAdded;
  private volatile InformerEventSource<BFB, DPUSet> bfbs;
  private volatile InformerEventSource<DPUFlavor, DPUSet> flavors;

  /** Called for every DPU add event of the informer, before the DPUSet is reconciled for it. */
  void onDpuAdded(Consumer<DPU> listener) {
    this.onDpuAdded = listener;
  }

  List<EventSource<?, DPUSet>> create(EventSourceContext<DPUSet> context) {
    IndexerResourceCache<DPUSet> sets = context.getPrimaryCache();

    dpus = new InformerEventSource<>(InformerEventSourceConfiguration.from(DPU.class, DPUSet.class)
        .withName("dpuset-dpus")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(dpu -> owner(dpu).map(Set::of).orElse(Set.of()))
        .build(), context) {
      @Override
      public void onAdd(DPU dpu) {
        Consumer<DPU> listener = onDpuAdded;
        if (listener != null) {
          listener.accept(dpu);
        }
        super.onAdd(dpu);
      }
    };
    dpus.addIndexers(Map.of(BY_NODE, dpu -> owner(dpu).isPresent() && dpu.getSpec() != null
        && dpu.getSpec().getNodeName() != null ? List.of(dpu.getSpec().getNodeName()) : List.of()));

    nodes = new InformerEventSource<>(InformerEventSourceConfiguration.from(Node.class, DPUSet.class)
        .withName("dpuset-nodes")
        .withWatchAllNamespaces()
        .withOnUpdateFilter((now, old) -> !Objects.equals(now.getMetadata().getLabels(), old.getMetadata().getLabels())
            || !Objects.equals(now.getMetadata().getDeletionTimestamp(), old.getMetadata().getDeletionTimestamp()))
        .withSecondaryToPrimaryMapper(node -> {
          Set<ResourceID> ids = new HashSet<>();
          sets.list(set -> selects(set, node)).forEach(set -> ids.add(ResourceID.fromResource(set)));
          dpus.byIndex(BY_NODE, node.getMetadata().getName()).forEach(dpu -> owner(dpu).ifPresent(ids::add));
          return ids;
        })
        .build(), context);

    bfbs = new InformerEventSource<>(InformerEventSourceConfiguration.from(BFB.class, DPUSet.class)
        .withName("dpuset-bfbs")
        .withNamespacesInheritedFromController()
        .withOnUpdateFilter((now, old) -> !Objects.equals(phase(now), phase(old)))
        .withSecondaryToPrimaryMapper(bfb -> referring(sets, bfb.getMetadata().getNamespace(),
            t -> t.getBfb() != null && bfb.getMetadata().getName().equals(t.getBfb().getName())))
        .build(), context);

    flavors = new InformerEventSource<>(InformerEventSourceConfiguration.from(DPUFlavor.class, DPUSet.class)
        .withName("dpuset-dpuflavors")
        .withNamespacesInheritedFromController()
        .withOnUpdateFilter((now, old) -> false)
        .withSecondaryToPrimaryMapper(flavor -> referring(sets, flavor.getMetadata().getNamespace(),
            t -> flavor.getMetadata().getName().equals(t.getDpuFlavor())))
        .build(), context);

    return List.of(dpus, nodes, bfbs, flavors);
  }

  List<Node> nodes() {
    return nodes.list().toList();
  }

  /** The DPUs labelled as belonging to {@code set}. */
  List<DPU> owned(DPUSet set) {
    String name = set.getMetadata().getName();
    String namespace = set.getMetadata().getNamespace();
    return dpus.list(namespace, dpu -> owner(dpu).filter(id -> id.getName().equals(name)
        && id.getNamespace().orElse("").equals(namespace)).isPresent()).toList();
  }

  Optional<BFB> bfb(String namespace, String name) {
    return bfbs.get(new ResourceID(name, namespace));
  }

  Optional<DPUFlavor> flavor(String namespace, String name) {
    return flavors.get(new ResourceID(name, namespace));
  }

  /** The DPUSet a DPU belongs to, from its {@code dpuset-name}/{@code dpuset-namespace} labels. */
  static Optional<ResourceID> owner(DPU dpu) {
    Map<String, String> labels = dpu.getMetadata().getLabels();
    if (labels == null || labels.get(ProvisioningLabels.DPUSET_NAME) == null
        || labels.get(ProvisioningLabels.DPUSET_NAMESPACE) == null) {
      return Optional.empty();
    }
    return Optional.of(new ResourceID(labels.get(ProvisioningLabels.DPUSET_NAME),
        labels.get(ProvisioningLabels.DPUSET_NAMESPACE)));
  }

  /** Does {@code set} select {@code node} (false for an invalid selector, which selects nothing)? */
  static boolean selects(DPUSet set, Node node) {
    if (set.getSpec() == null) {
      return false;
    }
    try {
      LabelSelectors.validate(set.getSpec().getNodeSelector());
      LabelSelectors.validate(set.getSpec().getDpuNodeSelector());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return DpuSetPlanner.selected(set.getSpec(), node);
  }

  private static Set<ResourceID> referring(IndexerResourceCache<DPUSet> sets, String namespace,
      Predicate<DPUTemplateSpec> refers) {
    Set<ResourceID> ids = new HashSet<>();
    sets.list(namespace, set -> set.getSpec() != null && set.getSpec().getDpuTemplate() != null
            && set.getSpec().getDpuTemplate().getSpec() != null && refers.test(set.getSpec().getDpuTemplate().getSpec()))
        .forEach(set -> ids.add(ResourceID.fromResource(set)));
    return ids;
  }

  private static Object phase(BFB bfb) {
    return bfb.getStatus() == null ? null : bfb.getStatus().getPhase();
  }
}
