package dev.dpf.common.cluster;

/** A DPU cluster cannot be reached through its DPUCluster's kubeconfig Secret. The message never holds secrets. */
public class DpuClusterAccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DpuClusterAccessException(String message) {
    super(message);
  }

  public DpuClusterAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
