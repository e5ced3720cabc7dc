package dev.dpf.servicechain.sets;

import dev.dpf.api.common.DpfStatus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/** What differs between ServiceInterfaceSet and ServiceChainSet for the per-node expansion ({@link SetEngine}). */
public interface SetKind<S extends CustomResource<?, T>, T extends DpfStatus,
    C extends CustomResource<?, ? extends DpfStatus>> {

  Class<S> setType();

  Class<C> childType();

  /** {@code svc.dpu.nvidia.com/<set>-name}. */
  String nameLabel();

  /** {@code svc.dpu.nvidia.com/<set>-namespace}. */
  String namespaceLabel();

  List<String> conditions();

  String reconciledCondition();

  String readyCondition();

  String fieldOwner();

  T newStatus();

  LabelSelector nodeSelector(S set);

  C child(S set, String node, String name);

  String node(C child);

  void counts(T status, int applied, int ready);
}
