package dev.dpf.dpuservice.credentials;

import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequest;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequestSpec;
import dev.dpf.api.svc.v1alpha1.NamespacedName;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * API calls of the credential request controller: the ServiceAccount and its token in the target cluster, the Secret
 * in the host cluster. Host RBAC is needed for the host cluster only (DPU clusters use their admin kubeconfig).
 */
@Rbac(group = "", resources = {"serviceaccounts"}, verbs = {"get", "create", "patch", "delete"})
@Rbac(group = "", resources = {"serviceaccounts/token"}, verbs = {"create"})
@Rbac(group = "", resources = {"secrets"}, verbs = {"get", "create", "patch", "delete"})
final class Credentials {

  /** A token and its expiry; {@code toString} never shows the token. */
  record Token(String value, Instant expiration, long lifetimeSeconds) {
    @Override
    public String toString() {
      return "Token[expiration=" + expiration + "]";
    }
  }

  /** Default lifetime the TokenRequest API applies when none is requested. */
  static final long DEFAULT_LIFETIME_SECONDS = 3600;

  private final KubernetesClient host;

  Credentials(KubernetesClient host) {
    this.host = host;
  }

  /** Applies the ServiceAccount in the target and requests a token with {@code spec.duration}. */
  Token issue(DPUServiceCredentialRequest request, TargetClusters.Target target) {
    DPUServiceCredentialRequestSpec spec = request.getSpec();
    NamespacedName sa = spec.getServiceAccount();
    ServiceAccount account = new ServiceAccountBuilder().withNewMetadata().withName(sa.getName())
        .withNamespace(sa.effectiveNamespace()).withLabels(managedLabels(request)).endMetadata()
        .withAutomountServiceAccountToken(false).build();
    target.client().resource(account).fieldManager(DPUServiceCredentialRequest.FIELD_OWNER).forceConflicts()
        .serverSideApply();
    Long seconds = spec.getDuration() == null ? null : TokenTiming.parseGoDuration(spec.getDuration()).toSeconds();
    TokenRequest tokenRequest = new TokenRequestBuilder().withNewSpec().withExpirationSeconds(seconds).endSpec()
        .build();
    TokenRequest issued = target.client().serviceAccounts().inNamespace(sa.effectiveNamespace())
        .withName(sa.getName()).tokenRequest(tokenRequest);
    long lifetime = seconds != null ? seconds : issued.getSpec() != null
        && issued.getSpec().getExpirationSeconds() != null
        ? issued.getSpec().getExpirationSeconds() : DEFAULT_LIFETIME_SECONDS;
    return new Token(issued.getStatus().getToken(), Instant.parse(issued.getStatus().getExpirationTimestamp()),
        lifetime);
  }

  /** The decoded data of the Secret named in the spec, or null when it does not exist. */
  Map<String, String> secretData(NamespacedName ref) {
    Secret secret = host.secrets().inNamespace(ref.effectiveNamespace()).withName(ref.getName()).get();
    if (secret == null || secret.getData() == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return out;
  }

  /** Applies the Secret (type Opaque, labels/annotations from {@code spec.metadata}) with the given data. */
  void writeSecret(DPUServiceCredentialRequest request, Map<String, String> data) {
    DPUServiceCredentialRequestSpec spec = request.getSpec();
    Map<String, String> labels = new TreeMap<>();
    if (spec.getMetadata() != null && spec.getMetadata().getLabels() != null) {
      labels.putAll(spec.getMetadata().getLabels());
    }
    labels.putAll(managedLabels(request));
    Map<String, String> encoded = new TreeMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    Secret secret = new SecretBuilder().withNewMetadata().withName(spec.getSecret().getName())
        .withNamespace(spec.getSecret().effectiveNamespace()).withLabels(labels)
        .withAnnotations(spec.getMetadata() == null || spec.getMetadata().getAnnotations() == null ? null
            : new TreeMap<>(spec.getMetadata().getAnnotations()))
        .endMetadata().withType("Opaque").withData(encoded).build();
    host.resource(secret).fieldManager(DPUServiceCredentialRequest.FIELD_OWNER).forceConflicts().serverSideApply();
  }

  void deleteServiceAccount(KubernetesClient client, String key) {
    NamespacedName ref = CredentialRequestReconciler.parse(key);
    client.serviceAccounts().inNamespace(ref.getNamespace()).withName(ref.getName()).delete();
  }

  void deleteSecret(String key) {
    NamespacedName ref = CredentialRequestReconciler.parse(key);
    host.secrets().inNamespace(ref.getNamespace()).withName(ref.getName()).delete();
  }

  /** The latest release's labels on the ServiceAccount and the Secret. */
  static Map<String, String> managedLabels(DPUServiceCredentialRequest request) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(ServiceLabels.MANAGED_BY_CONTROLLER, DPUServiceCredentialRequest.FIELD_OWNER);
    labels.put(ServiceLabels.CREDENTIAL_REQUEST_NAME, request.getMetadata().getName());
    labels.put(ServiceLabels.CREDENTIAL_REQUEST_NAMESPACE, request.getMetadata().getNamespace());
    return labels;
  }
}
