package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Image pull secrets (reference §4.8): every Secret named in {@code spec.imagePullSecrets} gets the label
 * {@code dpu.nvidia.com/image-pull-secret: ""} (server-side apply of that label alone, field owner
 * {@code dpfoperatorconfig-controller}); a Secret the operator labelled that is no longer listed gets its label
 * back off. The DPUService controller mirrors labelled Secrets into the DPU clusters (dpuservice §10.4.4).
 *
 * <p>Un-labelling uses server-side apply too: applying the Secret without the label releases the operator's
 * ownership, so only a label the operator set is removed. A label a user or another controller set (the user
 * guides label DPUServiceCredentialRequest output Secrets this way) is left alone.
 */
@Rbac(group = "", resources = {"secrets"}, verbs = {"get", "list", "watch", "patch"})
final class PullSecrets {

  private final KubernetesClient client;

  PullSecrets(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Labels the listed Secrets and un-labels de-listed ones.
   *
   * @param cached looks a Secret up in the informer cache (namespace, name)
   * @param labelled the cached Secrets of the namespace that carry the label
   * @return the errors, one per missing Secret ({@code secrets "<name>" not found}); the present ones are labelled
   *     anyway
   */
  List<String> reconcile(String namespace, List<String> names, BiFunction<String, String, Secret> cached,
      Stream<Secret> labelled) {
    List<String> errors = new ArrayList<>();
    for (String name : names) {
      Secret secret = cached.apply(namespace, name);
      if (secret == null) {
        errors.add("secrets \"" + name + "\" not found");
        continue;
      }
      if (!ownsLabel(secret)) {
        apply(secret, true);
      }
    }
    Set<String> listed = Set.copyOf(names);
    labelled.filter(s -> !listed.contains(s.getMetadata().getName()))
        .filter(PullSecrets::ownsLabel)
        .forEach(s -> apply(s, false));
    return errors;
  }

  /** Releases the label on every Secret the operator labelled (uninstall). */
  void releaseAll(String namespace, Collection<Secret> labelled) {
    labelled.stream().filter(PullSecrets::ownsLabel).forEach(s -> apply(s, false));
  }

  /**
   * Applies the label (or releases it) on the cached Secret. The apply carries the cached resourceVersion, so it
   * never creates a Secret that was deleted meanwhile; a 404/409 means the cache is behind and the informer event
   * that follows triggers the next reconcile.
   */
  private void apply(Secret cached, boolean label) {
    SecretBuilder b = new SecretBuilder().withNewMetadata().withName(cached.getMetadata().getName())
        .withNamespace(cached.getMetadata().getNamespace())
        .withResourceVersion(cached.getMetadata().getResourceVersion()).endMetadata();
    if (label) {
      b.editMetadata().addToLabels(OperatorLabels.IMAGE_PULL_SECRET, "").endMetadata();
    }
    try {
      client.resource(b.build()).fieldManager(DPFOperatorConfig.FIELD_OWNER).forceConflicts().serverSideApply();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** Whether the label is set and owned by the operator's field manager (managed fields of the cached Secret). */
  static boolean ownsLabel(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    if (labels == null || !labels.containsKey(OperatorLabels.IMAGE_PULL_SECRET)) {
      return false;
    }
    List<ManagedFieldsEntry> managed = secret.getMetadata().getManagedFields();
    if (managed == null) {
      return false;
    }
    String key = "f:" + OperatorLabels.IMAGE_PULL_SECRET;
    return managed.stream()
        .filter(m -> DPFOperatorConfig.FIELD_OWNER.equals(m.getManager()) && "Apply".equals(m.getOperation()))
        .anyMatch(m -> m.getFieldsV1() != null && m.getFieldsV1().getAdditionalProperties() != null
            && labelsOf(m.getFieldsV1().getAdditionalProperties()).containsKey(key));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labelsOf(Map<String, Object> fields) {
    Object metadata = fields.get("f:metadata");
    if (!(metadata instanceof Map<?, ?> m)) {
      return Map.of();
    }
    Object labels = ((Map<String, Object>) m).get("f:labels");
    return labels instanceof Map<?, ?> l ? (Map<String, Object>) l : Map.of();
  }
}
