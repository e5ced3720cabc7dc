package dev.dpf.servicechain.dpuserviceinterface;

import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterfaceStatus;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSet;
import dev.dpf.common.status.Statuses;
import dev.dpf.servicechain.mirror.SameNameMirror;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** DPUServiceInterface → same-named ServiceInterfaceSet in each DPU cluster (reference §2.2). */
public final class InterfaceSetMirror
    extends SameNameMirror<DPUServiceInterface, DPUServiceInterfaceStatus, ServiceInterfaceSet> {

  public InterfaceSetMirror() {
    super(ServiceInterfaceSet.class);
  }

  @Override
  public ServiceInterfaceSet desired(DPUServiceInterface primary) {
    ServiceInterfaceSet set = new ServiceInterfaceSet();
    identity(set, primary, primary.getSpec().getTemplate().getMetadata());
    set.setSpec(Statuses.copy(primary.getSpec().getTemplate().getSpec()));
    return set;
  }

  @Override
  public List<String> conditions() {
    return DPUServiceInterface.CONDITIONS;
  }

  @Override
  public String reconciledCondition() {
    return DPUServiceInterface.CONDITION_SERVICE_INTERFACE_SET_RECONCILED;
  }

  @Override
  public String readyCondition() {
    return DPUServiceInterface.CONDITION_SERVICE_INTERFACE_SET_READY;
  }

  @Override
  public String fieldOwner() {
    return DPUServiceInterface.FIELD_OWNER;
  }

  @Override
  public DPUServiceInterfaceStatus newStatus() {
    return new DPUServiceInterfaceStatus();
  }

  @Override
  public LabelSelector dpuClusterSelector(DPUServiceInterface primary) {
    return primary.getSpec().getDpuClusterSelector();
  }
}
