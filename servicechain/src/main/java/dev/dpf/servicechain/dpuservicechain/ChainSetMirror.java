package dev.dpf.servicechain.dpuservicechain;

import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceChainStatus;
import dev.dpf.api.svc.v1alpha1.ServiceChainSet;
import dev.dpf.common.status.Statuses;
import dev.dpf.servicechain.mirror.SameNameMirror;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** DPUServiceChain → same-named ServiceChainSet in each DPU cluster (reference §2.3). */
public final class ChainSetMirror extends SameNameMirror<DPUServiceChain, DPUServiceChainStatus, ServiceChainSet> {

  public ChainSetMirror() {
    super(ServiceChainSet.class);
  }

  @Override
  public ServiceChainSet desired(DPUServiceChain primary) {
    ServiceChainSet set = new ServiceChainSet();
    identity(set, primary, primary.getSpec().getTemplate().getMetadata());
    set.setSpec(Statuses.copy(primary.getSpec().getTemplate().getSpec()));
    return set;
  }

  /** Upstream's DPUServiceChain prefixes this message with {@code Error occurred: } (§2.1 step 8). */
  @Override
  public String awaitingDeletionMessage(int remaining) {
    return "Error occurred: " + remaining + " objects still exist across all DPU clusters";
  }

  @Override
  public List<String> conditions() {
    return DPUServiceChain.CONDITIONS;
  }

  @Override
  public String reconciledCondition() {
    return DPUServiceChain.CONDITION_SERVICE_CHAIN_SET_RECONCILED;
  }

  @Override
  public String readyCondition() {
    return DPUServiceChain.CONDITION_SERVICE_CHAIN_SET_READY;
  }

  @Override
  public String fieldOwner() {
    return DPUServiceChain.FIELD_OWNER;
  }

  @Override
  public DPUServiceChainStatus newStatus() {
    return new DPUServiceChainStatus();
  }

  @Override
  public LabelSelector dpuClusterSelector(DPUServiceChain primary) {
    return primary.getSpec().getDpuClusterSelector();
  }
}
