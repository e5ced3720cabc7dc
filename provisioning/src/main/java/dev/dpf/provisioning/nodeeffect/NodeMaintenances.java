package dev.dpf.provisioning.nodeeffect;

import dev.dpf.api.common.ApiGroups;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The drain node effect through the NVIDIA maintenance operator's {@code NodeMaintenance}
 * ({@code maintenance.nvidia.com/v1alpha1}, reference 8.4), shared by every DPU of one host.
 *
 * <p>The object is {@code <DPU namespace>/<host Node name>} with {@code requestorID: dpu.nvidia.com},
 * {@code drainSpec: {force: true, deleteEmptyDir: true, podSelector: "provisioning.dpu.nvidia.com/component!=dms"}}
 * and {@code additionalRequestors: [provisioning.dpu.nvidia.com, <nodeMaintenanceAdditionalRequestors>...]}.
 * The first DPU creates it and is its controller owner; every other DPU of the host that drains adds itself as a
 * (non-controller) owner. Releasing removes the DPU's owner reference; the last DPU removes the
 * {@code provisioning.dpu.nvidia.com} requestor and then deletes the object (the maintenance operator then uncordons
 * the Node). Garbage collection removes the object if all its DPUs disappear without releasing it.
 *
 * <p>{@code additionalRequestors} and owner references are changed with full updates carrying the resourceVersion,
 * retried on conflict, as the maintenance operator requires for that list; the delete carries the resourceVersion
 * of that update so a DPU joining in between is never dropped.
 */
@Rbac(group = "maintenance.nvidia.com", resources = {"nodemaintenances"},
    verbs = {"get", "list", "watch", "create", "update", "delete"})
public final class NodeMaintenances {

  public static final String API_VERSION = "maintenance.nvidia.com/v1alpha1";
  public static final String KIND = "NodeMaintenance";
  /** {@code spec.requestorID} of DPF's NodeMaintenances. */
  public static final String REQUESTOR_ID = "dpu.nvidia.com";
  /** The requestor the provisioning controller adds to {@code spec.additionalRequestors}. */
  public static final String PROVISIONING_REQUESTOR = ApiGroups.PROVISIONING;
  /** Pods the drain leaves alone: the DMS pods the DPU controller runs on the host (later releases). */
  public static final String DRAIN_POD_SELECTOR = "provisioning.dpu.nvidia.com/component!=dms";

  private final KubernetesClient client;

  public NodeMaintenances(KubernetesClient client) {
    this.client = client;
  }

  /** The NodeMaintenance client for {@code namespace} (for informers, tests, the DPU controller). */
  public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> resources() {
    return client.genericKubernetesResources(API_VERSION, KIND);
  }

  /** Is the NodeMaintenance's {@code Ready} condition True (maintenance operator: cordoned and drained)? */
  public static boolean isReady(GenericKubernetesResource nm) {
    return readyCondition(nm).map(c -> "True".equals(c.get("status"))).orElse(false);
  }

  /** Creates or joins the host's NodeMaintenance and reports whether it is Ready. */
  NodeEffectResult apply(DPU dpu, String nodeName, List<String> extraRequestors) {
    String ns = dpu.getMetadata().getNamespace();
    for (int attempt = 1; ; attempt++) {
      try {
        GenericKubernetesResource nm = resources().inNamespace(ns).withName(nodeName).get();
        if (nm == null) {
          resources().inNamespace(ns).resource(desired(dpu, nodeName, extraRequestors)).create();
          return NodeEffectResult.waiting(NodeEffects.DRAIN, NodeEffects.REASON_NODE_MAINTENANCE_NOT_READY,
              "NodeMaintenance " + ns + "/" + nodeName + " created; waiting for it to be Ready");
        }
        if (nm.getMetadata().getDeletionTimestamp() != null) {
          return NodeEffectResult.waiting(NodeEffects.DRAIN, NodeEffects.REASON_NODE_MAINTENANCE_NOT_READY,
              "NodeMaintenance " + ns + "/" + nodeName + " is being deleted; it is created again once it is gone");
        }
        boolean changed = addOwner(nm, dpu);
        changed |= addRequestors(nm, extraRequestors);
        if (changed) {
          nm = resources().inNamespace(ns).resource(nm).update();
        }
        if (isReady(nm)) {
          return NodeEffectResult.done(NodeEffects.DRAIN);
        }
        String phase = readyCondition(nm).map(c -> (String) c.get("reason")).filter(r -> !r.isEmpty())
            .map(r -> " (" + r + ")").orElse("");
        return NodeEffectResult.waiting(NodeEffects.DRAIN, NodeEffects.REASON_NODE_MAINTENANCE_NOT_READY,
            "waiting for NodeMaintenance " + ns + "/" + nodeName + " to be Ready" + phase);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= HostNodes.ATTEMPTS) {
          throw new NodeEffectException(NodeEffects.REASON_ERROR_OCCURED, "NodeMaintenance " + ns + "/" + nodeName
              + ": " + NodeEffects.message(e), false, e);
        }
      }
    }
  }

  /** Leaves the host's NodeMaintenance; the last DPU removes the requestor and deletes it. */
  NodeEffectResult release(DPU dpu, String nodeName) {
    String ns = dpu.getMetadata().getNamespace();
    String uid = dpu.getMetadata().getUid();
    for (int attempt = 1; ; attempt++) {
      try {
        GenericKubernetesResource nm = resources().inNamespace(ns).withName(nodeName).get();
        if (nm == null || nm.getMetadata().getDeletionTimestamp() != null) {
          return NodeEffectResult.done(NodeEffects.DRAIN);
        }
        List<OwnerReference> owners = nm.getMetadata().getOwnerReferences() == null ? List.of()
            : nm.getMetadata().getOwnerReferences();
        boolean othersUseIt = owners.stream().anyMatch(o -> "DPU".equals(o.getKind()) && !uid.equals(o.getUid()));
        if (othersUseIt) {
          if (owners.stream().anyMatch(o -> uid.equals(o.getUid()))) {
            nm.getMetadata().setOwnerReferences(new ArrayList<>(owners.stream()
                .filter(o -> !uid.equals(o.getUid())).toList()));
            resources().inNamespace(ns).resource(nm).update();
          }
          return NodeEffectResult.done(NodeEffects.DRAIN);
        }
        List<String> requestors = requestors(nm);
        if (requestors.remove(PROVISIONING_REQUESTOR)) {
          spec(nm).put("additionalRequestors", requestors);
          nm = resources().inNamespace(ns).resource(nm).update();
        }
        try {
          resources().inNamespace(ns).withName(nodeName).lockResourceVersion(nm.getMetadata().getResourceVersion())
              .delete();
        } catch (KubernetesClientException e) {
          if (e.getCode() != 404) {
            throw e;
          }
        }
        return NodeEffectResult.done(NodeEffects.DRAIN);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= HostNodes.ATTEMPTS) {
          throw new NodeEffectException(NodeEffects.REASON_ERROR_OCCURED, "releasing NodeMaintenance " + ns + "/"
              + nodeName + ": " + NodeEffects.message(e), false, e);
        }
      }
    }
  }

  static GenericKubernetesResource desired(DPU dpu, String nodeName, List<String> extraRequestors) {
    GenericKubernetesResource nm = new GenericKubernetesResource();
    nm.setApiVersion(API_VERSION);
    nm.setKind(KIND);
    nm.setMetadata(new ObjectMeta());
    nm.getMetadata().setName(nodeName);
    nm.getMetadata().setNamespace(dpu.getMetadata().getNamespace());
    nm.getMetadata().setOwnerReferences(new ArrayList<>(List.of(owner(dpu, true))));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("requestorID", REQUESTOR_ID);
    spec.put("nodeName", nodeName);
    Map<String, Object> drain = new LinkedHashMap<>();
    drain.put("force", true);
    drain.put("deleteEmptyDir", true);
    drain.put("podSelector", DRAIN_POD_SELECTOR);
    spec.put("drainSpec", drain);
    List<String> requestors = new ArrayList<>(List.of(PROVISIONING_REQUESTOR));
    extraRequestors.stream().filter(r -> !requestors.contains(r)).forEach(requestors::add);
    spec.put("additionalRequestors", requestors);
    nm.setAdditionalProperty("spec", spec);
    return nm;
  }

  private static boolean addOwner(GenericKubernetesResource nm, DPU dpu) {
    List<OwnerReference> owners = new ArrayList<>(nm.getMetadata().getOwnerReferences() == null ? List.of()
        : nm.getMetadata().getOwnerReferences());
    if (owners.stream().anyMatch(o -> Objects.equals(o.getUid(), dpu.getMetadata().getUid()))) {
      return false;
    }
    boolean hasController = owners.stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()));
    owners.add(owner(dpu, !hasController));
    nm.getMetadata().setOwnerReferences(owners);
    return true;
  }

  private static boolean addRequestors(GenericKubernetesResource nm, List<String> extra) {
    List<String> requestors = requestors(nm);
    boolean changed = false;
    List<String> wanted = new ArrayList<>(List.of(PROVISIONING_REQUESTOR));
    wanted.addAll(extra);
    for (String r : wanted) {
      if (!requestors.contains(r)) {
        requestors.add(r);
        changed = true;
      }
    }
    if (changed) {
      spec(nm).put("additionalRequestors", requestors);
    }
    return changed;
  }

  @SuppressWarnings("unchecked")
  static List<String> requestors(GenericKubernetesResource nm) {
    Object list = spec(nm).get("additionalRequestors");
    return list instanceof List<?> l ? new ArrayList<>((List<String>) l) : new ArrayList<>();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource nm) {
    Object spec = nm.getAdditionalProperties().get("spec");
    if (spec instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    nm.setAdditionalProperty("spec", created);
    return created;
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> readyCondition(GenericKubernetesResource nm) {
    Object status = nm.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> c instanceof Map<?, ?> m && "Ready".equals(m.get("type")))
        .map(c -> (Map<String, Object>) c).findFirst();
  }

  private static OwnerReference owner(DPU dpu, boolean controller) {
    return new OwnerReferenceBuilder()
        .withApiVersion(ApiGroups.PROVISIONING + "/" + ApiGroups.V1ALPHA1)
        .withKind("DPU")
        .withName(dpu.getMetadata().getName())
        .withUid(dpu.getMetadata().getUid())
        .withController(controller ? Boolean.TRUE : null)
        .withBlockOwnerDeletion(controller ? Boolean.TRUE : null)
        .build();
  }
}
