package dev.dpf.servicechain;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;

/** Registration point of the servicechain controllers. */
public final class ServiceChainModule implements ControllerModule {

  @Override
  public String name() {
    return "servicechain";
  }

  @Override
  public void register(OperatorContext context) {
    // reconcilers are added here as they are implemented
  }
}
