package dev.dpf.dpuservice.credentials;

import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequest;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequestType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of a credential Secret (reference dpuservice.md 14.4): a kubeconfig (key {@code kubeconfig}) or token-file
 * keys ({@code KUBERNETES_SERVICE_HOST}, {@code KUBERNETES_SERVICE_PORT}, {@code KUBERNETES_CA_DATA},
 * {@code TOKEN_FILE}). Pure; values are plain strings (the caller base64-encodes them for the Secret).
 */
public final class CredentialSecrets {

  /** How to reach the target cluster's API server. */
  public record ClusterAccess(String clusterName, String server, String caData) {
    @Override
    public String toString() {
      return clusterName + " (" + server + ")";
    }
  }

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private CredentialSecrets() {}

  public static Map<String, String> data(DPUServiceCredentialRequestType type, ClusterAccess access,
      String saNamespace, String saName, String token) {
    Map<String, String> data = new LinkedHashMap<>();
    if (type == DPUServiceCredentialRequestType.KUBECONFIG) {
      data.put(DPUServiceCredentialRequest.SECRET_KEY_KUBECONFIG, kubeconfig(access, saNamespace, saName, token));
    } else {
      URI server = URI.create(access.server());
      data.put(DPUServiceCredentialRequest.SECRET_KEY_SERVICE_HOST, server.getHost());
      data.put(DPUServiceCredentialRequest.SECRET_KEY_SERVICE_PORT, server.getPort() < 0 ? ""
          : String.valueOf(server.getPort()));
      data.put(DPUServiceCredentialRequest.SECRET_KEY_CA_DATA, access.caData() == null ? ""
          : new String(Base64.getDecoder().decode(access.caData()), StandardCharsets.UTF_8));
      data.put(DPUServiceCredentialRequest.SECRET_KEY_TOKEN_FILE, token);
    }
    return data;
  }

  static String kubeconfig(ClusterAccess access, String saNamespace, String saName, String token) {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", access.server());
    if (access.caData() != null) {
      cluster.put("certificate-authority-data", access.caData());
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put("clusters", List.of(Map.of("name", access.clusterName(), "cluster", cluster)));
    config.put("contexts", List.of(Map.of("name", saName, "context", Map.of("cluster", access.clusterName(),
        "namespace", saNamespace, "user", saName))));
    config.put("current-context", saName);
    config.put("users", List.of(Map.of("name", saName, "user", Map.of("token", token))));
    return YAML.asYaml(config);
  }

  /** The token held by existing Secret data of the given type, or null when the data does not match the type. */
  @SuppressWarnings("unchecked")
  public static String token(DPUServiceCredentialRequestType type, Map<String, String> data) {
    if (data == null) {
      return null;
    }
    if (type == DPUServiceCredentialRequestType.TOKEN_FILE) {
      String t = data.get(DPUServiceCredentialRequest.SECRET_KEY_TOKEN_FILE);
      return t == null || t.isEmpty() ? null : t;
    }
    String kubeconfig = data.get(DPUServiceCredentialRequest.SECRET_KEY_KUBECONFIG);
    if (kubeconfig == null) {
      return null;
    }
    try {
      Map<String, Object> parsed = YAML.unmarshal(kubeconfig, Map.class);
      List<Map<String, Object>> users = (List<Map<String, Object>>) parsed.get("users");
      Object token = ((Map<String, Object>) users.get(0).get("user")).get("token");
      return token instanceof String s && !s.isEmpty() ? s : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
