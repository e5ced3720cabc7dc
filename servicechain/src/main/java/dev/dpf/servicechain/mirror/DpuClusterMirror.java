package dev.dpf.servicechain.mirror;

import dev.dpf.api.common.DpfStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;

/**
 * What one host kind mirrors into each DPU cluster (upstream's {@code objectsInDPUClustersReconciler}): how to
 * create/update, get, delete the DPU-cluster objects of a host object and which of them are unready. The generic
 * fan-out, deletion and readiness summary around it is {@link MirrorEngine}.
 *
 * @param <P> host kind
 * @param <S> its status
 */
public interface DpuClusterMirror<P extends CustomResource<?, S>, S extends DpfStatus> {

  /** Kind of the DPU-cluster objects, for messages (e.g. {@code ServiceInterfaceSet}). */
  String childKind();

  /** Owned condition types in upstream order (Ready first). */
  List<String> conditions();

  /** {@code <X>Reconciled}. */
  String reconciledCondition();

  /** {@code <X>Ready}. */
  String readyCondition();

  /** Server-side apply field owner of the host controller (also used for objects in DPU clusters). */
  String fieldOwner();

  S newStatus();

  /** {@code spec.dpuClusterSelector} (null = every DPU cluster); {@code spec.clusterSelector} is ignored. */
  LabelSelector dpuClusterSelector(P primary);

  /** A problem CRD validation could not catch (terminal until the object changes); empty when valid. */
  default Optional<String> invalid(P primary) {
    return Optional.empty();
  }

  /**
   * Additional host event sources a mirror needs for its validation (e.g. the DPFOperatorConfig); an event of theirs
   * should wake the primaries {@code all} returns.
   */
  default List<io.javaoperatorsdk.operator.processing.event.source.EventSource<?, P>> eventSources(
      io.javaoperatorsdk.operator.api.reconciler.EventSourceContext<P> context,
      java.util.function.Supplier<java.util.Set<ResourceID>> all) {
    return List.of();
  }

  /** Server-side applies the desired objects of {@code primary} in one DPU cluster (namespace already ensured). */
  void createOrUpdate(KubernetesClient dpu, P primary);

  /** The objects of {@code primary} currently in one DPU cluster. */
  List<? extends HasMetadata> get(KubernetesClient dpu, P primary);

  /** Deletes the objects of {@code primary} in one DPU cluster (NotFound is not an error). */
  void delete(KubernetesClient dpu, P primary);

  /** Reconciled message while objects remain during deletion (upstream §2.1 step 8). */
  default String awaitingDeletionMessage(int remaining) {
    return remaining + " objects still exist across all DPU clusters";
  }

  /** Whether a DPU-cluster object of this mirror counts as ready. */
  boolean isReady(HasMetadata child);

  /** The watches this mirror needs in each DPU cluster so that changes of its objects reach the host object. */
  List<DpuWatch> watches();

  /**
   * An informer on one kind in a DPU cluster and the mapping of its objects back to the host object.
   *
   * @param resource the kind, as a typed class or a generic resource definition
   * @param toHost host object of a DPU-cluster object, if it is one of ours
   */
  record DpuWatch(DpuResource resource, java.util.function.Function<HasMetadata, Optional<ResourceID>> toHost) {}
}
