package dev.dpf.provisioning.flavor;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;

/**
 * Which DPUSets and DPUs use a DPUFlavor (same namespace: {@code spec.dpuTemplate.spec.dpuFlavor},
 * {@code spec.dpuFlavor}), from informers. Their changes wake the flavor only while it is being deleted.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpusets", "dpus"}, verbs = {"get", "list", "watch"})
final class FlavorUsers {

  private volatile InformerEventSource<DPUSet, DPUFlavor> dpuSets;
  private volatile InformerEventSource<DPU, DPUFlavor> dpus;

  List<EventSource<?, DPUFlavor>> eventSources(EventSourceContext<DPUFlavor> context) {
    dpuSets = new InformerEventSource<>(InformerEventSourceConfiguration.from(DPUSet.class, DPUFlavor.class)
        .withName("dpuflavor-dpusets")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(set -> whileDeleting(context, set, flavorOf(set)))
        .build(), context);
    dpus = new InformerEventSource<>(InformerEventSourceConfiguration.from(DPU.class, DPUFlavor.class)
        .withName("dpuflavor-dpus")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(dpu -> whileDeleting(context, dpu, flavorOf(dpu)))
        .build(), context);
    return List.of(dpuSets, dpus);
  }

  /** Names of the DPUSets (not being deleted) using the flavor, sorted. */
  List<String> dpuSets(DPUFlavor flavor) {
    return dpuSets == null ? List.of() : dpuSets.list(flavor.getMetadata().getNamespace(),
            s -> s.getMetadata().getDeletionTimestamp() == null
                && flavor.getMetadata().getName().equals(flavorOf(s)))
        .map(s -> s.getMetadata().getName()).sorted().toList();
  }

  /** Names of the DPUs using the flavor, sorted (also those being deleted: they may still render bf.cfg). */
  List<String> dpus(DPUFlavor flavor) {
    return dpus == null ? List.of() : dpus.list(flavor.getMetadata().getNamespace(),
            d -> flavor.getMetadata().getName().equals(flavorOf(d)))
        .map(d -> d.getMetadata().getName()).sorted().toList();
  }

  static String flavorOf(DPUSet set) {
    return set.getSpec() == null || set.getSpec().getDpuTemplate() == null
        || set.getSpec().getDpuTemplate().getSpec() == null ? null
        : set.getSpec().getDpuTemplate().getSpec().getDpuFlavor();
  }

  static String flavorOf(DPU dpu) {
    return dpu.getSpec() == null ? null : dpu.getSpec().getDpuFlavor();
  }

  private static Set<ResourceID> whileDeleting(EventSourceContext<DPUFlavor> context, HasMetadata user,
      String flavor) {
    if (flavor == null || flavor.isEmpty()) {
      return Set.of();
    }
    ResourceID id = new ResourceID(flavor, user.getMetadata().getNamespace());
    return context.getPrimaryCache().get(id)
        .filter(f -> f.getMetadata().getDeletionTimestamp() != null)
        .map(f -> Set.of(id))
        .orElse(Set.of());
  }
}
