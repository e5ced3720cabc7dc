package dev.dpf.servicechain.sets;

import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.InterfaceType;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceChainSet;
import dev.dpf.api.svc.v1alpha1.ServiceChainSpec;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSet;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSpec;
import dev.dpf.api.common.TemplateMeta;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The per-node children of ServiceInterfaceSets and ServiceChainSets (reference §3.3). Pure functions. */
public final class SetChildren {

  /** Longest object name the API server accepts for custom resources (DNS subdomain). */
  static final int MAX_NAME = 253;

  private SetChildren() {}

  /**
   * {@code <set>-<node>} (upstream v24.10, Appendix A.1). A name that would exceed 253 characters keeps a prefix and
   * ends with 10 hex digits of the SHA-256 of the full name, so it stays deterministic and unique.
   */
  public static String childName(String setName, String node) {
    String name = setName + "-" + node;
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash = sha256(name).substring(0, 10);
    String prefix = name.substring(0, MAX_NAME - hash.length() - 1).replaceAll("[-.]+$", "");
    return prefix + "-" + hash;
  }

  /**
   * The ServiceInterface of {@code set} on {@code node}: the template spec with {@code node} set and
   * {@code vlan.parentInterfaceRef} / {@code vf.parentInterfaceRef} suffixed with {@code -<node>}; labels linking it
   * to the set (plus {@code service-id} for the service type), then the template labels (template wins).
   */
  public static ServiceInterface serviceInterface(ServiceInterfaceSet set, String node, String name) {
    ServiceInterfaceSpec spec = Statuses.copy(set.getSpec().getTemplate().getSpec());
    spec.setNode(node);
    if (spec.getVlan() != null && spec.getVlan().getParentInterfaceRef() != null) {
      spec.getVlan().setParentInterfaceRef(spec.getVlan().getParentInterfaceRef() + "-" + node);
    }
    if (spec.getVf() != null && spec.getVf().getParentInterfaceRef() != null) {
      spec.getVf().setParentInterfaceRef(spec.getVf().getParentInterfaceRef() + "-" + node);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ChainLabels.SERVICE_INTERFACE_SET_NAME, set.getMetadata().getName());
    labels.put(ChainLabels.SERVICE_INTERFACE_SET_NAMESPACE, set.getMetadata().getNamespace());
    labels.put(ChainLabels.NODE_NAME, node);
    if (spec.getInterfaceType() == InterfaceType.SERVICE && spec.getService() != null
        && spec.getService().getServiceID() != null) {
      labels.put(ChainLabels.SERVICE_ID, spec.getService().getServiceID());
    }
    ServiceInterface child = new ServiceInterface();
    child.setMetadata(metadata(set, name, labels, set.getSpec().getTemplate().getMetadata()));
    child.setSpec(spec);
    return child;
  }

  /** The ServiceChain of {@code set} on {@code node}: switches copied, {@code node} set, set labels. */
  public static ServiceChain serviceChain(ServiceChainSet set, String node, String name) {
    ServiceChainSpec spec = Statuses.copy(set.getSpec().getTemplate().getSpec());
    spec.setNode(node);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ChainLabels.SERVICE_CHAIN_SET_NAME, set.getMetadata().getName());
    labels.put(ChainLabels.SERVICE_CHAIN_SET_NAMESPACE, set.getMetadata().getNamespace());
    labels.put(ChainLabels.NODE_NAME, node);
    ServiceChain child = new ServiceChain();
    child.setMetadata(metadata(set, name, labels, set.getSpec().getTemplate().getMetadata()));
    child.setSpec(spec);
    return child;
  }

  private static ObjectMeta metadata(HasMetadata set, String name, Map<String, String> labels, TemplateMeta template) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(set.getMetadata().getNamespace());
    if (template != null && template.getLabels() != null) {
      labels.putAll(template.getLabels());
    }
    meta.setLabels(labels);
    if (template != null && template.getAnnotations() != null && !template.getAnnotations().isEmpty()) {
      meta.setAnnotations(new LinkedHashMap<>(template.getAnnotations()));
    }
    meta.setOwnerReferences(java.util.List.of(new OwnerReferenceBuilder()
        .withApiVersion(set.getApiVersion())
        .withKind(set.getKind())
        .withName(set.getMetadata().getName())
        .withUid(set.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build()));
    return meta;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
