package dev.dpf.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What one demo run does.
 *
 * @param hosts simulated host Nodes, one DPU each
 * @param dpuClusters DPU clusters (local API servers), the hosts' DPUs spread over them
 * @param failures failures to inject
 * @param keepRunning after the run, stay up until Ctrl-C
 * @param timeout how long to wait for everything to become Ready
 * @param hostNetwork {@code auto}, {@code real} or {@code stand-in}
 * @param samplesDir manifests to apply (null: the samples shipped in the jar)
 * @param workDir where logs, kubeconfigs and data go (null: a new temporary directory)
 * @param keepWorkDir do not delete the work directory at the end
 * @param bfbBytes size of the generated BFB
 * @param out where the progress goes
 */
record DemoOptions(int hosts, int dpuClusters, Set<Failure> failures, boolean keepRunning, Duration timeout,
    String hostNetwork, Path samplesDir, Path workDir, boolean keepWorkDir, long bfbBytes, PrintStream out) {

  static final String HOST_NETWORK_AUTO = "auto";
  static final String HOST_NETWORK_REAL = "real";
  static final String HOST_NETWORK_STAND_IN = "stand-in";

  DemoOptions {
    if (hosts < 1 || hosts > 200) {
      throw new IllegalArgumentException("--hosts must be between 1 and 200");
    }
    if (dpuClusters < 1 || dpuClusters > 10) {
      throw new IllegalArgumentException("--dpu-clusters must be between 1 and 10");
    }
    if (!Set.of(HOST_NETWORK_AUTO, HOST_NETWORK_REAL, HOST_NETWORK_STAND_IN).contains(hostNetwork)) {
      throw new IllegalArgumentException("--host-network must be auto, real or stand-in");
    }
    failures = Set.copyOf(failures);
  }
}
