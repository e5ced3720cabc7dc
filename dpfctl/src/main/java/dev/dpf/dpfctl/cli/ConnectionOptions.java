package dev.dpf.dpfctl.cli;

import picocli.CommandLine.Option;

/** How to reach the cluster, with kubectl's flag names. */
public final class ConnectionOptions {

  @Option(names = "--kubeconfig", paramLabel = "<file>",
      description = "Path to the kubeconfig file (default: $KUBECONFIG, in-cluster configuration, ~/.kube/config).")
  String kubeconfig;

  @Option(names = "--context", paramLabel = "<name>", description = "The kubeconfig context to use.")
  String context;

  @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>",
      description = "Only show objects of this namespace (the DPFOperatorConfig root is found in any namespace). "
          + "Default: all namespaces.")
  String namespace;

  public String kubeconfig() {
    return kubeconfig;
  }

  public String context() {
    return context;
  }

  public String namespace() {
    return namespace == null || namespace.isBlank() ? null : namespace;
  }
}
