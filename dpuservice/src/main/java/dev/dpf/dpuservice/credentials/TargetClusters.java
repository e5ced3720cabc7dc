package dev.dpf.dpuservice.credentials;

import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequest;
import dev.dpf.api.svc.v1alpha1.NamespacedName;
import dev.dpf.common.cluster.DpuClusterAccessException;
import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.cluster.DpuClusterRuntime;
import dev.dpf.common.cluster.Kubeconfigs;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The cluster a credential request targets: a Ready DPUCluster (client and API endpoint from its admin kubeconfig) or,
 * without {@code spec.targetCluster}, the host cluster (endpoint and CA of the operator's own client configuration,
 * which in a pod are the in-cluster service address and service-account CA).
 */
final class TargetClusters {

  /** A resolved target. {@code key} is {@code <ns>/<name>} of the DPUCluster, null for the host. */
  record Target(String key, String uid, KubernetesClient client, CredentialSecrets.ClusterAccess access) {}

  /** The target cannot be used (not found, not Ready, unreadable kubeconfig). */
  static final class TargetException extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean notFound;

    TargetException(String message, boolean notFound) {
      super(message);
      this.notFound = notFound;
    }
  }

  private final KubernetesClient host;
  private final DpuClusterClients dpuClusters;
  private InformerEventSource<DPUCluster, DPUServiceCredentialRequest> clusters;

  TargetClusters(KubernetesClient host, DpuClusterClients dpuClusters) {
    this.host = host;
    this.dpuClusters = dpuClusters;
  }

  void setInformer(InformerEventSource<DPUCluster, DPUServiceCredentialRequest> clusters) {
    this.clusters = clusters;
  }

  Target resolve(NamespacedName ref) throws TargetException {
    if (ref == null) {
      return new Target(null, null, host, hostAccess());
    }
    String ns = ref.effectiveNamespace();
    Optional<DPUCluster> found = clusters.get(new ResourceID(ref.getName(), ns));
    if (found.isEmpty()) {
      throw new TargetException("error while getting DPU cluster " + ref.getName() + ": dpuclusters."
          + "provisioning.dpu.nvidia.com \"" + ref.getName() + "\" not found", true);
    }
    DPUCluster cluster = found.get();
    if (cluster.getStatus() == null || cluster.getStatus().getPhase() != DPUClusterPhase.READY) {
      throw new TargetException("DPU cluster " + ns + "/" + ref.getName() + " is not ready", false);
    }
    DpuClusterClients.ClusterRef cref = DpuClusterRuntime.ref(cluster);
    try {
      KubernetesClient client = dpuClusters.client(cref);
      Config kubeconfig = Kubeconfigs.parse(dpuClusters.readKubeconfig(cref));
      var named = kubeconfig.getClusters().get(0);
      CredentialSecrets.ClusterAccess access = new CredentialSecrets.ClusterAccess(named.getName(),
          named.getCluster().getServer(), named.getCluster().getCertificateAuthorityData());
      return new Target(ns + "/" + ref.getName(), cluster.getMetadata().getUid(), client, access);
    } catch (DpuClusterAccessException e) {
      throw new TargetException("error while getting client for cluster " + ref.getName() + ": " + e.getMessage(),
          false);
    }
  }

  /** The host cluster's endpoint and CA (base64), from the operator's client configuration. */
  CredentialSecrets.ClusterAccess hostAccess() throws TargetException {
    io.fabric8.kubernetes.client.Config config = host.getConfiguration();
    String server = config.getMasterUrl();
    if (server == null || server.isEmpty()) {
      throw new TargetException("the host cluster's API server address is unknown", false);
    }
    server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    String ca = config.getCaCertData();
    if ((ca == null || ca.isEmpty()) && config.getCaCertFile() != null) {
      try {
        ca = Base64.getEncoder().encodeToString(Files.readString(Path.of(config.getCaCertFile()))
            .getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new TargetException("cannot read the host cluster CA " + config.getCaCertFile() + ": " + e.getMessage(),
            false);
      }
    }
    return new CredentialSecrets.ClusterAccess(DPUServiceCredentialRequest.IN_CLUSTER_NAME, server,
        ca == null || ca.isEmpty() ? null : ca);
  }
}
