package dev.dpf.servicechain.mirror;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** A namespaced kind in a DPU cluster: a typed class (DPF kinds) or a generic definition (NVIPAM pools). */
public record DpuResource(String kind, Class<? extends HasMetadata> type, ResourceDefinitionContext generic) {

  public static DpuResource typed(Class<? extends HasMetadata> type) {
    return new DpuResource(io.fabric8.kubernetes.api.model.HasMetadata.getKind(type), type, null);
  }

  public static DpuResource generic(String group, String version, String kind, String plural) {
    return new DpuResource(kind, null, new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
        .withKind(kind).withPlural(plural).withNamespaced(true).build());
  }

  /** The client operation for this kind. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public MixedOperation<HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>> in(
      KubernetesClient client) {
    if (type != null) {
      return (MixedOperation) client.resources(type);
    }
    MixedOperation<GenericKubernetesResource, ?, ?> op = client.genericKubernetesResources(generic);
    return (MixedOperation) op;
  }
}
