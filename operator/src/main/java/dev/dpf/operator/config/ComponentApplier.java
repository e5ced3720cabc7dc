package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one component's objects as an ApplySet (reference §4.7, the crash-safe order of later releases):
 * <ol>
 *   <li>parent inventory := current ∪ desired (so a crash after step 2 still knows every object);</li>
 *   <li>server-side apply every desired object (field owner {@code dpfoperatorconfig-controller}, force), labelled
 *       {@code dpu.nvidia.com/component} and {@code applyset.kubernetes.io/part-of}, owned by the config;</li>
 *   <li>delete every inventory entry no longer desired: only objects that carry this ApplySet's
 *       {@code part-of} label (never someone else's object of the same name);</li>
 *   <li>parent inventory := desired, or delete the parent when nothing is desired.</li>
 * </ol>
 * The parent Secret {@code <component>-applyset} is read from the API server (not a cache), so the inventory is
 * never stale.
 */
// server-side apply creates missing objects, which needs the create verb too
@Rbac(group = "", resources = {"secrets"}, verbs = {"get", "create", "patch", "delete"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservices"}, verbs = {"get", "create", "patch", "delete"})
@Rbac(group = "apps", resources = {"daemonsets"}, verbs = {"get", "create", "patch", "delete"})
final class ComponentApplier {

  /** The controller owner reference to the DPFOperatorConfig put on every generated object. */
  static OwnerReference owner(DPFOperatorConfig config) {
    return new OwnerReferenceBuilder().withApiVersion(HasMetadata.getApiVersion(DPFOperatorConfig.class))
        .withKind(HasMetadata.getKind(DPFOperatorConfig.class)).withName(config.getMetadata().getName())
        .withUid(config.getMetadata().getUid()).withController(true).build();
  }

  /** apiVersion of the kinds the operator creates, by {@code <Kind>.<group>}; others are resolved by discovery. */
  private static final Map<String, String> KNOWN = Map.of(
      "DPUService.svc.dpu.nvidia.com", "svc.dpu.nvidia.com/v1alpha1",
      "DaemonSet.apps", "apps/v1",
      "Deployment.apps", "apps/v1",
      "Secret.", "v1",
      "ConfigMap.", "v1",
      "ServiceAccount.", "v1");

  private final KubernetesClient client;

  ComponentApplier(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The outcome of {@link #applyAll}: {@code <component>: <error>} per failed component; retriable when an API call
   * failed (else every error is a configuration problem that waits for a spec change).
   */
  record Result(List<String> errors, boolean retriable) {}

  /**
   * Generates and applies every component of the inventory (enabled or not, so disabled ones are pruned), and checks
   * the provisioning controller's BFB volume. One component's failure does not stop the others.
   */
  Result applyAll(String namespace, Variables v, OperatorConfigOptions options, OwnerReference owner) {
    List<String> errors = new ArrayList<>();
    boolean retriable = false;
    for (String component : OperatorLabels.COMPONENTS) {
      try {
        apply(component, namespace, ComponentManifests.desired(component, v, options), owner);
      } catch (IllegalArgumentException e) {
        errors.add(component + ": " + e.getMessage());
      } catch (KubernetesClientException | IllegalStateException e) {
        errors.add(component + ": " + e.getMessage());
        retriable = true;
      }
    }
    ComponentManifests.bfbVolumeMismatch(v, options)
        .ifPresent(m -> errors.add(OperatorLabels.PROVISIONING_CONTROLLER + ": " + m));
    return new Result(errors, retriable);
  }

  /** Applies {@code desired} (already carrying the component label) and prunes what the component no longer has. */
  void apply(String component, String namespace, List<? extends HasMetadata> desired, OwnerReference owner) {
    String id = ApplySets.id(component, namespace);
    Secret parent = readParent(component, namespace, id);
    Set<String> current = new LinkedHashSet<>(parent == null ? List.of()
        : ApplySets.parseInventory(parent.getMetadata().getAnnotations().get(OperatorLabels.APPLYSET_INVENTORY)));
    Set<String> wanted = new LinkedHashSet<>();
    desired.forEach(o -> wanted.add(ApplySets.entry(o)));
    if (current.isEmpty() && wanted.isEmpty()) {
      if (parent != null) {
        client.resource(parent).delete();
      }
      return;
    }
    Set<String> union = new LinkedHashSet<>(current);
    union.addAll(wanted);
    Set<String> stored = parent == null ? null : current;
    if (stored == null || !union.equals(stored)) {
      applyParent(component, namespace, id, union, owner);
      stored = union;
    }
    for (HasMetadata object : desired) {
      object.getMetadata().getLabels().putIfAbsent(OperatorLabels.APPLYSET_PART_OF, id);
      object.getMetadata().getLabels().putIfAbsent(OperatorLabels.COMPONENT, component);
      object.getMetadata().setOwnerReferences(List.of(owner));
      client.resource(object).fieldManager(DPFOperatorConfig.FIELD_OWNER).forceConflicts().serverSideApply();
    }
    for (String entry : current) {
      if (!wanted.contains(entry)) {
        deleteIfOurs(ApplySets.Entry.parse(entry), id);
      }
    }
    if (wanted.isEmpty()) {
      client.secrets().inNamespace(namespace).withName(ApplySets.parentName(component)).delete();
    } else if (!wanted.equals(stored)) {
      applyParent(component, namespace, id, wanted, owner);
    }
  }

  /**
   * Deletes every object of a component (uninstall) and returns those still present as
   * {@code <Kind>/<namespace>/<name>}; the parent is deleted once nothing is left.
   */
  List<String> remove(String component, String namespace) {
    String id = ApplySets.id(component, namespace);
    Secret parent = readParent(component, namespace, id);
    if (parent == null) {
      return List.of();
    }
    List<String> pending = new ArrayList<>();
    for (String entry : ApplySets.parseInventory(
        parent.getMetadata().getAnnotations().get(OperatorLabels.APPLYSET_INVENTORY))) {
      ApplySets.Entry e = ApplySets.Entry.parse(entry);
      if (deleteIfOurs(e, id)) {
        pending.add(e.kind() + "/" + (e.namespace() == null ? "" : e.namespace() + "/") + e.name());
      }
    }
    if (pending.isEmpty()) {
      client.resource(parent).delete();
    }
    return pending;
  }

  private Secret readParent(String component, String namespace, String id) {
    Secret parent = client.secrets().inNamespace(namespace).withName(ApplySets.parentName(component)).get();
    if (parent == null) {
      return null;
    }
    Map<String, String> annotations = parent.getMetadata().getAnnotations();
    String tooling = annotations == null ? null : annotations.get(OperatorLabels.APPLYSET_TOOLING);
    Map<String, String> labels = parent.getMetadata().getLabels();
    String parentId = labels == null ? null : labels.get(OperatorLabels.APPLYSET_ID);
    if (!OperatorLabels.APPLYSET_TOOLING_VALUE.equals(tooling) || !id.equals(parentId)) {
      throw new IllegalStateException("Secret " + namespace + "/" + parent.getMetadata().getName()
          + " is not the ApplySet parent of " + component + " (tooling " + tooling + ", id " + parentId
          + "); rename or delete it");
    }
    if (annotations.get(OperatorLabels.APPLYSET_INVENTORY) == null) {
      annotations.put(OperatorLabels.APPLYSET_INVENTORY, "");
    }
    return parent;
  }

  private void applyParent(String component, String namespace, String id, Set<String> inventory,
      OwnerReference owner) {
    Secret parent = new SecretBuilder().withNewMetadata()
        .withName(ApplySets.parentName(component)).withNamespace(namespace)
        .addToLabels(OperatorLabels.APPLYSET_ID, id)
        .addToLabels(OperatorLabels.COMPONENT, component)
        .addToAnnotations(OperatorLabels.APPLYSET_INVENTORY, ApplySets.inventory(inventory))
        .addToAnnotations(OperatorLabels.APPLYSET_TOOLING, OperatorLabels.APPLYSET_TOOLING_VALUE)
        .withOwnerReferences(owner)
        .endMetadata().build();
    client.resource(parent).fieldManager(DPFOperatorConfig.FIELD_OWNER).forceConflicts().serverSideApply();
  }

  /**
   * Deletes the object of an inventory entry when it exists and belongs to ApplySet {@code id}; returns whether it
   * still exists afterwards (being deleted, or not ours and therefore left alone → false).
   */
  private boolean deleteIfOurs(ApplySets.Entry e, String id) {
    Resource<GenericKubernetesResource> resource = resource(e);
    GenericKubernetesResource object = resource.get();
    if (object == null) {
      return false;
    }
    Map<String, String> labels = object.getMetadata().getLabels();
    if (labels == null || !id.equals(labels.get(OperatorLabels.APPLYSET_PART_OF))) {
      return false;
    }
    if (object.getMetadata().getDeletionTimestamp() == null) {
      resource.delete();
    }
    return true;
  }

  private Resource<GenericKubernetesResource> resource(ApplySets.Entry e) {
    String apiVersion = KNOWN.get(e.kind() + "." + e.group());
    if (apiVersion == null) {
      APIGroup group = client.getApiGroup(e.group());
      if (group == null || group.getPreferredVersion() == null) {
        throw new IllegalStateException("cannot resolve the API group " + e.group() + " of " + e.kind());
      }
      apiVersion = group.getPreferredVersion().getGroupVersion();
    }
    var kind = client.genericKubernetesResources(apiVersion, e.kind());
    return e.namespace() == null ? kind.withName(e.name()) : kind.inNamespace(e.namespace()).withName(e.name());
  }
}
