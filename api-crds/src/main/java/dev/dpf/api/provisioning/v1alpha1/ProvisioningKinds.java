package dev.dpf.api.provisioning.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/** The kinds of the group provisioning.dpu.nvidia.com/v1alpha1. */
public final class ProvisioningKinds {

  public static final List<Class<? extends CustomResource<?, ?>>> ALL =
      List.of(BFB.class, DPUCluster.class, DPUFlavor.class, DPUSet.class, DPU.class);

  private ProvisioningKinds() {}
}
