package dev.dpf.operator.config;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Registration of the DPFOperatorConfig controller, the operator's own. Its primary informer watches the watched
 * namespaces plus the singleton's namespace (all namespaces when none are configured), so a DPFOperatorConfig
 * elsewhere is seen and rejected.
 */
public final class OperatorConfigModule implements ControllerModule {

  private final OperatorConfigOptions options;

  public OperatorConfigModule(OperatorConfigOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "operatorconfig";
  }

  @Override
  public void register(OperatorContext context) {
    String namespace = options.namespace(context.settings().operatorNamespace());
    Set<String> watched = context.settings().watchNamespaces();
    OperatorConfigReconciler reconciler = new OperatorConfigReconciler(options, namespace, watched,
        context.conditions(), context.events("dpfoperatorconfig-controller"), context.runtimeSettings());
    context.register(reconciler, override -> {
      if (!watched.isEmpty()) {
        Set<String> namespaces = new LinkedHashSet<>(watched);
        namespaces.add(namespace);
        override.settingNamespaces(namespaces);
      }
    });
  }
}
