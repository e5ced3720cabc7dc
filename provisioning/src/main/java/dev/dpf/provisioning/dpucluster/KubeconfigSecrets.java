package dev.dpf.provisioning.dpucluster;

import dev.dpf.common.cluster.DpuClusterAccessException;
import dev.dpf.common.cluster.Kubeconfigs;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Validation of a DPUCluster's admin kubeconfig Secret (reference 3.3) beyond upstream's static manager: the Secret
 * exists, holds {@code admin.conf}, the kubeconfig has exactly one cluster and one user, and the API server answers
 * with those credentials. Messages name the Secret and the problem, never its content.
 */
final class KubeconfigSecrets {

  private KubeconfigSecrets() {}

  /** The outcome of the offline part of the validation. */
  sealed interface Verdict permits Valid, Invalid {}

  /** Usable: the kubeconfig text (never to be logged), its SHA-256 and its API server host:port. */
  record Valid(String kubeconfig, String fingerprint, String endpoint) implements Verdict {}

  /** Not usable; {@code reason} is the condition reason. */
  record Invalid(String reason, String message) implements Verdict {}

  static final String REASON_SECRET_NOT_FOUND = "KubeconfigSecretNotFound";
  static final String REASON_SECRET_INVALID = "KubeconfigSecretInvalid";
  static final String REASON_CLUSTER_UNREACHABLE = "ClusterUnreachable";

  /** Checks a Secret (null when it does not exist) without contacting the DPU cluster. */
  static Verdict validate(String namespace, String name, Secret secret) {
    String what = "secret " + namespace + "/" + name;
    if (secret == null) {
      return new Invalid(REASON_SECRET_NOT_FOUND, what + " not found");
    }
    String kubeconfig;
    String data = secret.getData() == null ? null : secret.getData().get(Kubeconfigs.ADMIN_CONF);
    if (data != null) {
      try {
        kubeconfig = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return new Invalid(REASON_SECRET_INVALID, what + " not in the expected format: data." + Kubeconfigs.ADMIN_CONF
            + " is not base64");
      }
    } else if (secret.getStringData() != null && secret.getStringData().get(Kubeconfigs.ADMIN_CONF) != null) {
      kubeconfig = secret.getStringData().get(Kubeconfigs.ADMIN_CONF);
    } else {
      return new Invalid(REASON_SECRET_INVALID, what + " not in the expected format: data." + Kubeconfigs.ADMIN_CONF
          + " not found");
    }
    try {
      io.fabric8.kubernetes.api.model.Config parsed = Kubeconfigs.parse(kubeconfig);
      return new Valid(kubeconfig, sha256(kubeconfig), Kubeconfigs.endpoint(parsed));
    } catch (DpuClusterAccessException e) {
      return new Invalid(REASON_SECRET_INVALID, what + " " + e.getMessage());
    } catch (RuntimeException e) {
      return new Invalid(REASON_SECRET_INVALID, what + " not in the expected format: the cluster server is not a "
          + "valid URL");
    }
  }

  /**
   * Connects with the kubeconfig: {@code GET /version} (reachability) and {@code GET namespace kube-system}
   * (credentials). Blocking: run it in the background. Returns the server's version.
   */
  static String connect(Valid valid) throws Exception {
    Config config;
    try {
      config = Config.fromKubeconfig(valid.kubeconfig());
    } catch (RuntimeException e) {
      throw new Exception("the kubeconfig cannot be used (" + e.getClass().getSimpleName() + ")");
    }
    config.setConnectionTimeout(5_000);
    config.setRequestTimeout(10_000);
    config.setRequestRetryBackoffLimit(0);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      String version = client.getKubernetesVersion().getGitVersion();
      client.namespaces().withName("kube-system").get();
      return version;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 401 || e.getCode() == 403) {
        throw new Exception("the API server at " + valid.endpoint() + " rejected the kubeconfig's credentials (HTTP "
            + e.getCode() + ")");
      }
      throw new Exception("cannot reach the API server at " + valid.endpoint() + ": " + ClusterChecks.rootMessage(e));
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
