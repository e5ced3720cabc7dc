package dev.dpf.common.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Process-wide settings of the operator, from flags and environment (see operator/ {@code OperatorMain}). Settings
 * that users change at run time live in the DPFOperatorConfig instead.
 *
 * @param operatorNamespace namespace of the DPFOperatorConfig and of the objects the operator creates
 * @param watchNamespaces namespaces whose custom resources are reconciled; empty means all
 * @param bfbDir folder of the BFB volume (the PVC mount in a cluster)
 * @param maxReconcileInterval drift safety net: every object is reconciled at least this often
 */
public record OperatorSettings(
    String operatorNamespace,
    Set<String> watchNamespaces,
    Path bfbDir,
    Duration maxReconcileInterval) {

  public static final String DEFAULT_OPERATOR_NAMESPACE = "dpf-operator-system";

  public static OperatorSettings defaults() {
    return new OperatorSettings(DEFAULT_OPERATOR_NAMESPACE, Set.of(), Path.of("/bfb"), Duration.ofMinutes(10));
  }

  public OperatorSettings withOperatorNamespace(String namespace) {
    return new OperatorSettings(namespace, watchNamespaces, bfbDir, maxReconcileInterval);
  }

  public OperatorSettings withWatchNamespaces(Set<String> namespaces) {
    return new OperatorSettings(operatorNamespace, Set.copyOf(namespaces), bfbDir, maxReconcileInterval);
  }

  public OperatorSettings withBfbDir(Path dir) {
    return new OperatorSettings(operatorNamespace, watchNamespaces, dir, maxReconcileInterval);
  }
}
