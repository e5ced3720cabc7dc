package dev.dpf.servicechain.dpuserviceipam;

import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAM;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAMStatus;
import dev.dpf.servicechain.mirror.DpuClusterMirror;
import dev.dpf.servicechain.mirror.DpuResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DPUServiceIPAM → NVIPAM IPPool or CIDRPool in each DPU cluster (reference §2.4). Pools are found by the two
 * ownership labels; after applying the pool of the selected kind, every other pool with those labels (the other
 * kind after a mode switch, or the old name after a name override) is deleted.
 */
public final class IpamMirror implements DpuClusterMirror<DPUServiceIPAM, DPUServiceIPAMStatus> {

  private final String supportedNamespace;

  /**
   * @param supportedNamespace the only namespace DPUServiceIPAMs are accepted in: upstream's webhook allows
   *     {@code dpf-operator-system} only; here it is the operator's namespace (which defaults to that)
   */
  public IpamMirror(String supportedNamespace) {
    this.supportedNamespace = supportedNamespace;
  }

  /** The rules CRD validation cannot express (reference §2.5 rule 1) and features not implemented. */
  @Override
  public Optional<String> invalid(DPUServiceIPAM ipam) {
    if (!supportedNamespace.equals(ipam.getMetadata().getNamespace())) {
      return Optional.of("currently only '" + supportedNamespace + "' namespace is supported");
    }
    if (ipam.getSpec().getIpv4Network() != null && ipam.getSpec().getIpv4Network().getSubnetsPerDPUCluster() != null) {
      return Optional.of("spec.ipv4Network.subnetsPerDPUCluster is not supported by this implementation");
    }
    if (ipam.getSpec().getIpv4Subnet() != null && ipam.getSpec().getIpv4Subnet().getBlocksPerDPUCluster() != null) {
      return Optional.of("spec.ipv4Subnet.blocksPerDPUCluster is not supported by this implementation");
    }
    return Optional.empty();
  }

  @Override
  public void createOrUpdate(KubernetesClient dpu, DPUServiceIPAM ipam) {
    GenericKubernetesResource desired = NvIpamPools.desired(ipam);
    DpuResource kind = NvIpamPools.resource(ipam);
    kind.in(dpu).inNamespace(ipam.getMetadata().getNamespace()).resource(desired).fieldManager(fieldOwner())
        .forceConflicts().serverSideApply();
    for (DpuResource other : List.of(NvIpamPools.IPPOOL, NvIpamPools.CIDRPOOL)) {
      for (HasMetadata pool : list(dpu, other, ipam)) {
        if (other != kind || !pool.getMetadata().getName().equals(desired.getMetadata().getName())) {
          other.in(dpu).inNamespace(pool.getMetadata().getNamespace()).withName(pool.getMetadata().getName())
              .delete();
        }
      }
    }
  }

  @Override
  public List<? extends HasMetadata> get(KubernetesClient dpu, DPUServiceIPAM ipam) {
    List<HasMetadata> pools = new ArrayList<>();
    pools.addAll(list(dpu, NvIpamPools.IPPOOL, ipam));
    pools.addAll(list(dpu, NvIpamPools.CIDRPOOL, ipam));
    return pools;
  }

  @Override
  public void delete(KubernetesClient dpu, DPUServiceIPAM ipam) {
    for (DpuResource kind : List.of(NvIpamPools.IPPOOL, NvIpamPools.CIDRPOOL)) {
      kind.in(dpu).inNamespace(ipam.getMetadata().getNamespace())
          .withLabels(NvIpamPools.ownerLabels(ipam.getMetadata().getName(), ipam.getMetadata().getNamespace()))
          .delete();
    }
  }

  private static List<HasMetadata> list(KubernetesClient dpu, DpuResource kind, DPUServiceIPAM ipam) {
    return kind.in(dpu).inNamespace(ipam.getMetadata().getNamespace())
        .withLabels(NvIpamPools.ownerLabels(ipam.getMetadata().getName(), ipam.getMetadata().getNamespace()))
        .list().getItems();
  }

  @Override
  public boolean isReady(HasMetadata child) {
    return child instanceof GenericKubernetesResource pool && NvIpamPools.isReady(pool);
  }

  @Override
  public List<DpuWatch> watches() {
    return List.of(new DpuWatch(NvIpamPools.IPPOOL, IpamMirror::owner), new DpuWatch(NvIpamPools.CIDRPOOL,
        IpamMirror::owner));
  }

  private static Optional<ResourceID> owner(HasMetadata pool) {
    Map<String, String> labels = pool.getMetadata().getLabels();
    if (labels == null || labels.get(ChainLabels.DPUSERVICEIPAM_NAME) == null
        || labels.get(ChainLabels.DPUSERVICEIPAM_NAMESPACE) == null) {
      return Optional.empty();
    }
    return Optional.of(new ResourceID(labels.get(ChainLabels.DPUSERVICEIPAM_NAME),
        labels.get(ChainLabels.DPUSERVICEIPAM_NAMESPACE)));
  }

  @Override
  public String childKind() {
    return "NVIPAM pool";
  }

  @Override
  public List<String> conditions() {
    return DPUServiceIPAM.CONDITIONS;
  }

  @Override
  public String reconciledCondition() {
    return DPUServiceIPAM.CONDITION_DPU_IPAM_OBJECT_RECONCILED;
  }

  @Override
  public String readyCondition() {
    return DPUServiceIPAM.CONDITION_DPU_IPAM_OBJECT_READY;
  }

  @Override
  public String fieldOwner() {
    return DPUServiceIPAM.FIELD_OWNER;
  }

  @Override
  public DPUServiceIPAMStatus newStatus() {
    return new DPUServiceIPAMStatus();
  }

  @Override
  public LabelSelector dpuClusterSelector(DPUServiceIPAM ipam) {
    return ipam.getSpec().getDpuClusterSelector();
  }
}
