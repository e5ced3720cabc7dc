package dev.dpf.common.cluster;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.net.URI;

/** Validation of the DPUCluster admin kubeconfig contract (key admin.conf, exactly one cluster and one user). */
public final class Kubeconfigs {

  /** The Secret key holding the kubeconfig. */
  public static final String ADMIN_CONF = "admin.conf";

  private Kubeconfigs() {}

  /**
   * Parses and checks a kubeconfig. Error messages are upstream's ({@code secret not in the expected format: ...})
   * and never include the content.
   */
  public static Config parse(String kubeconfig) {
    Config config;
    try {
      config = KubeConfigUtils.parseConfigFromString(kubeconfig);
    } catch (RuntimeException e) {
      throw new DpuClusterAccessException("secret not in the expected format: " + ADMIN_CONF
          + " is not a valid kubeconfig (" + e.getClass().getSimpleName() + ")");
    }
    if (config == null || config.getClusters() == null || config.getClusters().size() != 1) {
      throw new DpuClusterAccessException("secret not in the expected format: cluster list should have one member");
    }
    if (config.getUsers() == null || config.getUsers().size() != 1) {
      throw new DpuClusterAccessException(
          "secret not in the expected format: auth info list should have one member");
    }
    if (config.getClusters().get(0).getCluster() == null
        || config.getClusters().get(0).getCluster().getServer() == null) {
      throw new DpuClusterAccessException("secret not in the expected format: the cluster has no server");
    }
    return config;
  }

  /** host:port of the API server the kubeconfig points at. */
  public static String endpoint(Config config) {
    URI server = URI.create(config.getClusters().get(0).getCluster().getServer());
    int port = server.getPort() > 0 ? server.getPort() : ("http".equals(server.getScheme()) ? 80 : 443);
    return server.getHost() + ":" + port;
  }

  /** The base64 CA certificate data of the kubeconfig's cluster, or null. */
  public static String caData(Config config) {
    return config.getClusters().get(0).getCluster().getCertificateAuthorityData();
  }
}
