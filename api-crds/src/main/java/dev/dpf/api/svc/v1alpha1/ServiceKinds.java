package dev.dpf.api.svc.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/** The DPUService-family kinds of {@code svc.dpu.nvidia.com/v1alpha1} (without the service-chaining kinds). */
public final class ServiceKinds {

  public static final List<Class<? extends CustomResource<?, ?>>> ALL = List.of(
      DPUService.class,
      DPUServiceTemplate.class,
      DPUServiceConfiguration.class,
      DPUDeployment.class,
      DPUServiceCredentialRequest.class);

  private ServiceKinds() {}
}
