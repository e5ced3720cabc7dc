package dev.dpf.common.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Something that runs against one DPU cluster while it is Ready: informers on its pods, per-cluster controllers,
 * watches. {@link DpuClusterRuntime} starts one instance per Ready DPUCluster and closes it when the cluster is no
 * longer Ready, is deleted, or its kubeconfig changes.
 */
public interface DpuClusterComponent {

  /** Short name for logs. */
  String name();

  /**
   * Starts the component for a cluster and returns the handle that stops it. Must not block for long; failures are
   * thrown and retried by the runtime with back-off.
   */
  AutoCloseable start(DpuClusterClients.ClusterRef cluster, KubernetesClient dpuClient) throws Exception;
}
