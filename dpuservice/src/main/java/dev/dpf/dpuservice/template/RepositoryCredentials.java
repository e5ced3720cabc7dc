package dev.dpf.dpuservice.template;

import dev.dpf.api.svc.v1alpha1.ApplicationSource;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;

/**
 * Helm repository credentials in the ArgoCD repository-Secret convention (reference dpuservice.md 13 step 2): Secrets
 * in the operator namespace labelled {@code argocd.argoproj.io/secret-type: repository} with data {@code type: helm}
 * and {@code url} equal to the repo URL without {@code oci://}; the first match (by name) gives username/password.
 */
@Rbac(group = "", resources = {"secrets"}, verbs = {"list"})
public final class RepositoryCredentials {

  private final KubernetesClient client;
  private final String namespace;

  public RepositoryCredentials(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public ChartFetcher.Credentials lookup(ApplicationSource source) {
    String url = source.argoRepoURL();
    return client.secrets().inNamespace(namespace)
        .withLabel(ServiceLabels.ARGOCD_SECRET_TYPE, ServiceLabels.ARGOCD_SECRET_TYPE_REPOSITORY).list().getItems()
        .stream()
        .filter(s -> "helm".equals(data(s, "type")) && url.equals(data(s, "url")))
        .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .findFirst()
        .map(s -> new ChartFetcher.Credentials(data(s, "username"), data(s, "password")))
        .orElse(ChartFetcher.Credentials.ANONYMOUS);
  }

  private static String data(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    if (data != null && data.get(key) != null) {
      return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
    }
    Map<String, String> string = secret.getStringData();
    return string == null ? null : string.get(key);
  }
}
