package dev.dpf.provisioning.bfb;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.common.rbac.Rbac;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** BFB users are the DPUs whose {@code spec.bfb} names the BFB (same namespace), from an informer on DPUs. */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus"}, verbs = {"get", "list", "watch"})
public final class DpuBfbUsage implements BfbUsage {

  private volatile InformerEventSource<DPU, BFB> dpus;

  @Override
  public List<String> dpusUsing(BFB bfb, Context<BFB> context) {
    if (dpus == null) {
      return List.of();
    }
    return dpus.list(bfb.getMetadata().getNamespace(), dpu -> dpu.getMetadata().getDeletionTimestamp() == null
            && dpu.getSpec() != null && bfb.getMetadata().getName().equals(dpu.getSpec().getBfb()))
        .map(dpu -> dpu.getMetadata().getName())
        .sorted()
        .toList();
  }

  @Override
  public List<EventSource<?, BFB>> eventSources(EventSourceContext<BFB> context) {
    InformerEventSourceConfiguration<DPU> config = InformerEventSourceConfiguration.from(DPU.class, BFB.class)
        .withName("bfb-users")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(dpu -> dpu.getSpec() == null || dpu.getSpec().getBfb() == null
            ? Set.of()
            : Set.of(new ResourceID(dpu.getSpec().getBfb(), dpu.getMetadata().getNamespace())))
        // only what changes the answer of dpusUsing: which BFB a DPU names, and whether it is being deleted (the
        // DPUs' frequent status writes would otherwise wake their BFB each time)
        .withOnUpdateFilter((updated, previous) -> !Objects.equals(bfbOf(updated), bfbOf(previous))
            || !Objects.equals(updated.getMetadata().getDeletionTimestamp(),
                previous.getMetadata().getDeletionTimestamp()))
        .build();
    dpus = new InformerEventSource<>(config, context);
    return List.of(dpus);
  }

  private static String bfbOf(DPU dpu) {
    return dpu.getSpec() == null ? null : dpu.getSpec().getBfb();
  }
}
