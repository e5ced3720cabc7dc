package dev.dpf.dpuservice;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.dpuservice.dpudeployment.DpuDeploymentReconciler;
import java.security.SecureRandom;

/** Registration point of the dpuservice controllers. */
public final class DpuServiceModule implements ControllerModule {

  @Override
  public String name() {
    return "dpuservice";
  }

  @Override
  public void register(OperatorContext context) {
    // reconcilers are added here as they are implemented
    registerDpuDeployment(context);
  }

  /** DPUDeployment, DPUServiceTemplate, DPUServiceConfiguration and DPUServiceCredentialRequest controllers. */
  static void registerDpuDeployment(OperatorContext context) {
    context.register(new DpuDeploymentReconciler(context.client(), context.conditions(),
        context.events("dpudeployment-controller"), new SecureRandom()));
  }
}
