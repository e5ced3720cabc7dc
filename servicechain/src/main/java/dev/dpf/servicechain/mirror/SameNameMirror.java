package dev.dpf.servicechain.mirror;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.common.DpfStatus;
import dev.dpf.common.status.StatusConditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;

/**
 * A host object mirrored as one object of the same name and namespace in each DPU cluster (DPUServiceInterface →
 * ServiceInterfaceSet, DPUServiceChain → ServiceChainSet; reference §2.2, §2.3). No owner reference (cross-cluster):
 * name and namespace are the identity (§8.1).
 */
public abstract class SameNameMirror<P extends CustomResource<?, S>, S extends DpfStatus,
    C extends CustomResource<?, ? extends DpfStatus>> implements DpuClusterMirror<P, S> {

  private final Class<C> childType;

  protected SameNameMirror(Class<C> childType) {
    this.childType = childType;
  }

  /** The object to apply in every DPU cluster: pure function of the host object. */
  public abstract C desired(P primary);

  @Override
  public String childKind() {
    return HasMetadata.getKind(childType);
  }

  @Override
  public void createOrUpdate(KubernetesClient dpu, P primary) {
    dpu.resource(desired(primary)).fieldManager(fieldOwner()).forceConflicts().serverSideApply();
  }

  @Override
  public List<? extends HasMetadata> get(KubernetesClient dpu, P primary) {
    C found = dpu.resources(childType).inNamespace(primary.getMetadata().getNamespace())
        .withName(primary.getMetadata().getName()).get();
    return found == null ? List.of() : List.of(found);
  }

  @Override
  public void delete(KubernetesClient dpu, P primary) {
    dpu.resources(childType).inNamespace(primary.getMetadata().getNamespace())
        .withName(primary.getMetadata().getName()).delete();
  }

  /**
   * Ready when the Set's {@code Ready} condition is True for its current generation (a Set whose spec was just
   * changed is not ready until its controller has seen the change).
   */
  @Override
  public boolean isReady(HasMetadata child) {
    DpfStatus status = childType.cast(child).getStatus();
    if (status == null || !StatusConditions.isTrue(status, Conditions.READY)) {
      return false;
    }
    Long generation = child.getMetadata().getGeneration();
    return generation == null || status.getObservedGeneration() == null
        || generation.equals(status.getObservedGeneration());
  }

  @Override
  public List<DpuWatch> watches() {
    return List.of(new DpuWatch(DpuResource.typed(childType), o -> Optional.of(
        new ResourceID(o.getMetadata().getName(), o.getMetadata().getNamespace()))));
  }

  /** Metadata shared by both Sets: same name and namespace, labels and annotations from the template metadata. */
  protected static void identity(HasMetadata child, HasMetadata primary, dev.dpf.api.common.TemplateMeta meta) {
    child.getMetadata().setName(primary.getMetadata().getName());
    child.getMetadata().setNamespace(primary.getMetadata().getNamespace());
    if (meta != null) {
      child.getMetadata().setLabels(meta.getLabels() == null ? null : new java.util.TreeMap<>(meta.getLabels()));
      child.getMetadata().setAnnotations(meta.getAnnotations() == null ? null
          : new java.util.TreeMap<>(meta.getAnnotations()));
    }
  }
}
