package dev.dpf.common.runtime;

/**
 * A family of controllers (provisioning, dpuservice, servicechain) registers its reconcilers and background
 * components through this single entry point; the operator main calls it for every module.
 */
public interface ControllerModule {

  /** Short name for logs, e.g. {@code provisioning}. */
  String name();

  /** Registers reconcilers with {@link OperatorContext#register} and background components with onStop. */
  void register(OperatorContext context);
}
