package dev.dpf.demo;

import dev.dpf.testing.ControlPlaneAssets;
import dev.dpf.testing.LocalControlPlane;
import dev.dpf.testing.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * kwok (Kubernetes WithOut Kubelet) against the host cluster: it plays the kubelet of the simulated host Nodes
 * (heartbeats, Ready) and runs their pods (Pending → Running with the node's IP for host-network pods). Only Nodes
 * annotated {@value #ANNOTATION}={@value #VALUE} are managed. Built from Go modules like the control plane
 * ({@code hack/control-plane-bin.sh}).
 */
final class Kwok implements AutoCloseable {

  static final String ANNOTATION = "kwok.x-k8s.io/node";
  static final String VALUE = "fake";

  private final ManagedProcess process;

  private Kwok(ManagedProcess process) {
    this.process = process;
  }

  static Kwok start(LocalControlPlane host, Path workDir) {
    Path binary = ControlPlaneAssets.binary("kwok");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("kwok is missing in " + ControlPlaneAssets.dir()
          + "; run hack/control-plane-bin.sh (it builds kwok from Go modules)");
    }
    Path config = workDir.resolve("kwok.yaml");
    try {
      Files.createDirectories(workDir);
      // an explicit, empty configuration: kwok's built-in node and pod stages, nothing from ~/.kwok
      Files.writeString(config, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ManagedProcess process = ManagedProcess.start("kwok", List.of(
        binary.toString(),
        "--kubeconfig=" + host.adminKubeconfigFile(),
        "--config=" + config,
        "--manage-all-nodes=false",
        "--manage-nodes-with-annotation-selector=" + ANNOTATION + "=" + VALUE,
        "--cidr=10.244.0.1/16",
        "--node-lease-duration-seconds=40"), workDir.resolve("kwok.log"));
    return new Kwok(process);
  }

  long pid() {
    return process.pid();
  }

  void checkAlive() {
    process.checkAlive();
  }

  Path log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }
}
