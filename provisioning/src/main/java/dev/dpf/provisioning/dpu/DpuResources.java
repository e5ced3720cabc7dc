package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.common.cluster.DpuClusterAccessException;
import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.cluster.DpuClusterRuntime;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API calls of the DPU controller on the objects it creates and on the DPU itself (host cluster), and on the
 * DPU's Node in the DPU cluster (through the DPUCluster's admin kubeconfig). Failures are
 * {@link DpuActionException}s with a message fit for a condition.
 */
@Rbac(group = "", resources = {"pods"}, verbs = {"get", "create", "delete"})
@Rbac(group = "", resources = {"secrets"}, verbs = {"get", "delete"})
@Rbac(group = "cert-manager.io", resources = {"certificates"}, verbs = {"get", "create", "delete"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus"}, verbs = {"get", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuflavors"}, verbs = {"get"})
final class DpuResources {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final KubernetesClient client;
  private final DpuClusterClients dpuClusters;

  DpuResources(KubernetesClient client, DpuClusterClients dpuClusters) {
    this.client = client;
    this.dpuClusters = dpuClusters;
  }

  // ---------------------------------------------------------------------------------------- objects of the DPU

  /** Creates the DMS server Certificate unless it exists (8.1: created once, never updated). */
  void ensureCertificate(DPU dpu, Node host) {
    String name = DpuObjects.certificateName(dpu);
    try {
      if (certificates(dpu).withName(name).get() != null) {
        return;
      }
      List<NodeAddress> addresses = host.getStatus() == null ? null : host.getStatus().getAddresses();
      if (addresses == null || addresses.isEmpty() || addresses.get(0).getAddress() == null) {
        throw new DpuActionException("no IP addresses found in node " + host.getMetadata().getName());
      }
      certificates(dpu).resource(DpuObjects.certificate(dpu, addresses.get(0).getAddress())).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return;
      }
      throw DpuActionException.of("creating Certificate " + dpu.getMetadata().getNamespace() + "/" + name, e);
    }
  }

  /** Creates a pod (an existing one is kept). */
  void create(Pod pod) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw DpuActionException.of("creating pod " + pod.getMetadata().getNamespace() + "/"
            + pod.getMetadata().getName(), e);
      }
    }
  }

  DPUFlavor flavor(DPU dpu) {
    return flavorByName(dpu.getMetadata().getNamespace(), dpu.getSpec().getDpuFlavor());
  }

  DPUFlavor flavorByName(String namespace, String name) {
    if (name == null || name.isEmpty()) {
      throw new DpuActionException("spec.dpuFlavor is not set");
    }
    try {
      DPUFlavor flavor = client.resources(DPUFlavor.class).inNamespace(namespace).withName(name).get();
      if (flavor == null) {
        throw new DpuActionException("DPUFlavor " + namespace + "/" + name + " not found");
      }
      return flavor;
    } catch (KubernetesClientException e) {
      throw DpuActionException.of("reading DPUFlavor " + namespace + "/" + name, e);
    }
  }

  /** Deletes the DPU's Certificate, server Secret and pods; returns how many of them existed. */
  int deleteOwnedObjects(DPU dpu) {
    String ns = dpu.getMetadata().getNamespace();
    int existed = 0;
    try {
      existed += gone(certificates(dpu).withName(DpuObjects.certificateName(dpu)).delete());
      existed += gone(client.secrets().inNamespace(ns).withName(DpuObjects.serverSecretName(dpu)).delete());
      existed += gone(client.pods().inNamespace(ns).withName(DpuObjects.dmsPodName(dpu)).delete());
      existed += gone(client.pods().inNamespace(ns).withName(DpuObjects.hostNetworkPodName(dpu)).delete());
    } catch (KubernetesClientException e) {
      throw DpuActionException.of("deleting the objects of DPU " + ns + "/" + dpu.getMetadata().getName(), e);
    }
    return existed;
  }

  /** Deletes a pod of the DPU (retry from Error). */
  void deletePod(String namespace, String name) {
    try {
      client.pods().inNamespace(namespace).withName(name).delete();
    } catch (KubernetesClientException e) {
      throw DpuActionException.of("deleting pod " + namespace + "/" + name, e);
    }
  }

  // ------------------------------------------------------------------------------------------------ the DPU

  /** Records the allocated DPUCluster in {@code spec.cluster} (JSON merge patch). */
  void assignCluster(DPU dpu, DPUCluster cluster) {
    patchDpu(dpu, Map.of("spec", Map.of("cluster", Map.of("name", cluster.getMetadata().getName(),
        "namespace", cluster.getMetadata().getNamespace()))), "recording the DPUCluster in spec.cluster");
  }

  /** Adds labels to {@code spec.cluster.nodeLabels} (JSON merge patch, existing keys kept). */
  void addNodeLabels(DPU dpu, Map<String, String> labels) {
    patchDpu(dpu, Map.of("spec", Map.of("cluster", Map.of("nodeLabels", labels))),
        "adding spec.cluster.nodeLabels");
  }

  /** Removes an annotation of the DPU. */
  void removeAnnotation(DPU dpu, String key) {
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put(key, null);
    patchDpu(dpu, Map.of("metadata", Map.of("annotations", annotations)), "removing annotation " + key);
  }

  /**
   * Patches the DPU and moves {@code dpu}'s resourceVersion to the result, so that the status written at the end of
   * the same pass is not refused as outdated because of this pass's own change.
   */
  private void patchDpu(DPU dpu, Map<String, Object> patch, String what) {
    try {
      DPU result = client.resources(DPU.class).inNamespace(dpu.getMetadata().getNamespace())
          .withName(dpu.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), JSON.asJson(patch));
      if (result != null) {
        dpu.getMetadata().setResourceVersion(result.getMetadata().getResourceVersion());
      }
    } catch (KubernetesClientException e) {
      throw DpuActionException.of(what + " of DPU " + dpu.getMetadata().getNamespace() + "/"
          + dpu.getMetadata().getName(), e);
    }
  }

  // ------------------------------------------------------------------------------------ the DPU-cluster Node

  /** A client of the DPU cluster (DPUClusterClientGetError on failure). */
  KubernetesClient dpuClusterClient(DPUCluster cluster) {
    return dpuClusters.client(DpuClusterRuntime.ref(cluster));
  }

  /** GET of the DPU's Node in the DPU cluster; null when it does not exist. */
  Node dpuClusterNode(DPUCluster cluster, String name) {
    KubernetesClient dpuClient = dpuClusterClient(cluster);
    try {
      return dpuClient.nodes().withName(name).get();
    } catch (KubernetesClientException e) {
      throw DpuActionException.of("reading Node " + name + " in DPU cluster " + cluster.getMetadata().getNamespace()
          + "/" + cluster.getMetadata().getName(), e);
    }
  }

  /** Adds labels to the DPU's Node in the DPU cluster (merge patch: labels are only added, never removed). */
  void labelDpuClusterNode(DPUCluster cluster, String name, Map<String, String> labels) {
    KubernetesClient dpuClient = dpuClusterClient(cluster);
    try {
      dpuClient.nodes().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
          JSON.asJson(Map.of("metadata", Map.of("labels", labels))));
    } catch (KubernetesClientException e) {
      throw DpuActionException.of("labelling Node " + name + " in DPU cluster " + cluster.getMetadata().getNamespace()
          + "/" + cluster.getMetadata().getName(), e);
    }
  }

  /** Deletes the DPU's Node in the DPU cluster (not-found ignored). */
  void deleteDpuClusterNode(DPUCluster cluster, String name) {
    try {
      KubernetesClient dpuClient = dpuClusterClient(cluster);
      dpuClient.nodes().withName(name).delete();
    } catch (KubernetesClientException e) {
      throw DpuActionException.of("deleting Node " + name + " in DPU cluster " + cluster.getMetadata().getNamespace()
          + "/" + cluster.getMetadata().getName(), e);
    } catch (DpuClusterAccessException e) {
      throw new DpuActionException("deleting Node " + name + " in DPU cluster " + cluster.getMetadata().getNamespace()
          + "/" + cluster.getMetadata().getName() + ": " + e.getMessage(), e);
    }
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
      io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> certificates(DPU dpu) {
    return client.genericKubernetesResources(DpuObjects.CERT_MANAGER_API_VERSION, DpuObjects.CERTIFICATE_KIND)
        .inNamespace(dpu.getMetadata().getNamespace());
  }

  private static int gone(List<? extends Object> deleted) {
    return deleted == null || deleted.isEmpty() ? 0 : 1;
  }

  static String describe(HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }
}
