package dev.dpf.dpfctl.cli;

import picocli.CommandLine.Option;

/** How to reach the cluster, with kubectl's flag names. */
public final class ConnectionOptions {

  @Option(names = "--kubeconfig", paramLabel = "<file>",
      description = "Path to the kubeconfig file (default: $KUBECONFIG, in-cluster configuration, ~/.kube/config).")
  String kubeconfig;

  @Option(names = "--context", paramLabel = "<name>", description = "The kubeconfig context to use.")
  String context;

  @Option(names = "--from-file", paramLabel = "<file>",
      description = "Read the objects from a file instead of a cluster: multi-document YAML or a List, e.g. the "
          + "output of 'kubectl get <kinds> -A -o yaml' (for offline analysis of a support dump).")
  String fromFile;

  public String fromFile() {
    return fromFile;
  }

  public String kubeconfig() {
    return kubeconfig;
  }

  public String context() {
    return context;
  }
}
