package dev.dpf.api.svc.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/** The service-chaining kinds of {@code svc.dpu.nvidia.com/v1alpha1} (host and DPU cluster). */
public final class ChainKinds {

  /** Host-cluster kinds. */
  public static final List<Class<? extends CustomResource<?, ?>>> HOST =
      List.of(DPUServiceInterface.class, DPUServiceChain.class, DPUServiceIPAM.class);

  /** DPU-cluster kinds (installed into DPU clusters by the servicechainset-controller chart). */
  public static final List<Class<? extends CustomResource<?, ?>>> DPU = List.of(ServiceInterfaceSet.class,
      ServiceInterface.class, ServiceChainSet.class, ServiceChain.class);

  /** All service-chaining kinds. */
  public static final List<Class<? extends CustomResource<?, ?>>> ALL = List.of(DPUServiceInterface.class,
      DPUServiceChain.class, DPUServiceIPAM.class, ServiceInterfaceSet.class, ServiceInterface.class,
      ServiceChainSet.class, ServiceChain.class);

  /** CEL rule on the root of the kinds whose names become child names (later releases). */
  static final String NAME_LENGTH_RULE = "self.metadata.name.size() <= 63";
  /** Upstream message of {@link #NAME_LENGTH_RULE}. */
  public static final String NAME_LENGTH_MESSAGE = "name length can't be bigger than 63 chars";

  private ChainKinds() {}
}
