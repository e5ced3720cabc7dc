package dev.dpf.dpuservice;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;

/** Registration point of the dpuservice controllers. */
public final class DpuServiceModule implements ControllerModule {

  @Override
  public String name() {
    return "dpuservice";
  }

  @Override
  public void register(OperatorContext context) {
    // reconcilers are added here as they are implemented
  }
}
