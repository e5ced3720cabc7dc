package dev.dpf.provisioning;

import dev.dpf.common.runtime.OperatorContext;

/** Access for tests in sub-packages to the registration of single controllers of {@link ProvisioningModule}. */
public final class ProvisioningTestModules {

  private ProvisioningTestModules() {}

  public static void registerBfb(OperatorContext context) {
    ProvisioningModule.registerBfb(context);
  }

  public static void registerDpuSet(OperatorContext context) {
    ProvisioningModule.registerDpuSet(context);
  }
}
