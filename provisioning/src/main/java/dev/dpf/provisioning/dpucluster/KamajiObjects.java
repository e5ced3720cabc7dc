package dev.dpf.provisioning.dpucluster;

import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.KeepalivedSpec;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects the Kamaji cluster manager creates for a DPUCluster {@code N} in namespace {@code NS} (reference 3.7),
 * built without client calls: the NodePort Service {@code N}, the TenantControlPlane {@code N} and, with keepalived,
 * the ConfigMap and DaemonSet {@code N-keepalived}.
 */
final class KamajiObjects {

  static final String TCP_GROUP = "kamaji.clastix.io";
  static final String TCP_VERSION = "v1alpha1";
  static final String TCP_API_VERSION = TCP_GROUP + "/" + TCP_VERSION;
  static final String TCP_KIND = "TenantControlPlane";
  static final String SERVICE_PORT_NAME = "kube-apiserver";
  /** Placeholder service port; Kamaji rewrites it. */
  static final int SERVICE_PORT = 6443;
  /** Kamaji's "Kubernetes version status" of a TCP that serves. */
  static final String TCP_VERSION_READY = "Ready";
  static final String KEEPALIVED_CONF_KEY = "keepalived.conf.tmpl";
  static final String KEEPALIVED_INIT_IMAGE = "alpine:3.20.3";
  static final String KEEPALIVED_IMAGE = "osixia/keepalived:2.0.20";
  /** Hash of the rendered keepalived objects: they are applied again only when it changes. */
  static final String CONFIG_HASH_ANNOTATION = "provisioning.dpu.nvidia.com/keepalived-config-hash";

  static final String MASTER = "node-role.kubernetes.io/master";
  static final String CONTROL_PLANE = "node-role.kubernetes.io/control-plane";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KamajiObjects() {}

  static String adminKubeconfigSecret(DPUCluster cluster) {
    return cluster.getMetadata().getName() + "-admin-kubeconfig";
  }

  static String keepalivedName(DPUCluster cluster) {
    return cluster.getMetadata().getName() + "-keepalived";
  }

  static OwnerReference ownerReference(DPUCluster cluster, boolean controller) {
    OwnerReferenceBuilder owner = new OwnerReferenceBuilder()
        .withApiVersion(cluster.getApiVersion())
        .withKind(cluster.getKind())
        .withName(cluster.getMetadata().getName())
        .withUid(cluster.getMetadata().getUid());
    if (controller) {
      owner.withController(true).withBlockOwnerDeletion(true);
    }
    return owner.build();
  }

  /**
   * The NodePort Service that reserves the API server's node port before the TCP exists (Kamaji then manages the
   * Service of the same name). Upstream sets no owner reference; this one gets a non-controller owner reference so
   * it does not outlive the DPUCluster.
   */
  static Service service(DPUCluster cluster) {
    String name = cluster.getMetadata().getName();
    return new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(cluster.getMetadata().getNamespace())
        .withOwnerReferences(ownerReference(cluster, false)).endMetadata()
        .withNewSpec()
        .withType("NodePort")
        .addNewPort().withName(SERVICE_PORT_NAME).withProtocol("TCP").withPort(SERVICE_PORT).endPort()
        .withSelector(Map.of(ProvisioningLabels.KAMAJI_NAME, name))
        .endSpec()
        .build();
  }

  /** The node port of the Service's {@code kube-apiserver} port, 0 when none is allocated. */
  static int nodePort(Service service) {
    if (service == null || service.getSpec() == null || service.getSpec().getPorts() == null) {
      return 0;
    }
    return service.getSpec().getPorts().stream()
        .filter(p -> SERVICE_PORT_NAME.equals(p.getName()) && p.getNodePort() != null)
        .mapToInt(p -> p.getNodePort()).findFirst().orElse(0);
  }

  /** {@code spec.networkProfile.port} of an existing TCP, 0 when absent. */
  static int nodePort(GenericKubernetesResource tcp) {
    Object port = tcp.get("spec", "networkProfile", "port");
    return port instanceof Number n ? n.intValue() : 0;
  }

  /** {@code status.kubernetesResources.version.status} of a TCP. */
  static String versionStatus(GenericKubernetesResource tcp) {
    Object status = tcp.get("status", "kubernetesResources", "version", "status");
    return status == null ? null : status.toString();
  }

  /** The TenantControlPlane of reference 3.7.1. */
  static GenericKubernetesResource tenantControlPlane(DPUCluster cluster, int nodePort) {
    String name = cluster.getMetadata().getName();
    Map<String, String> tenantLabel = Map.of(ProvisioningLabels.KAMAJI_TENANT, name);
    Map<String, Object> deployment = new LinkedHashMap<>();
    deployment.put("replicas", 3);
    deployment.put("affinity", SERIALIZATION.convertValue(controlPlaneAffinity(), Map.class));
    deployment.put("tolerations", SERIALIZATION.convertValue(controlPlaneTolerations(), List.class));
    deployment.put("additionalMetadata", Map.of("labels", tenantLabel));
    deployment.put("resources", Map.of(
        "apiServer", Map.of("requests", Map.of("cpu", "250m", "memory", "512Mi")),
        "controllerManager", Map.of("requests", Map.of("cpu", "125m", "memory", "256Mi")),
        "scheduler", Map.of("requests", Map.of("cpu", "125m", "memory", "256Mi"))));
    Map<String, Object> controlPlane = new LinkedHashMap<>();
    controlPlane.put("deployment", deployment);
    controlPlane.put("service", Map.of("serviceType", "NodePort", "additionalMetadata", Map.of("labels", tenantLabel)));
    Map<String, Object> kubernetes = new LinkedHashMap<>();
    kubernetes.put("version", cluster.getSpec().getVersion());
    kubernetes.put("kubelet", Map.of("cgroupfs", "systemd"));
    kubernetes.put("admissionControllers", List.of("ResourceQuota", "LimitRanger"));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("dataStore", "default");
    spec.put("controlPlane", controlPlane);
    spec.put("kubernetes", kubernetes);
    spec.put("addons", Map.of("coreDNS", Map.of(), "kubeProxy", Map.of()));
    KeepalivedSpec keepalived = keepalived(cluster);
    if (keepalived != null) {
      Map<String, Object> networkProfile = new LinkedHashMap<>();
      networkProfile.put("address", keepalived.getVip());
      networkProfile.put("port", nodePort);
      spec.put("networkProfile", networkProfile);
    }
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(TCP_API_VERSION)
        .withKind(TCP_KIND)
        .withNewMetadata().withName(name).withNamespace(cluster.getMetadata().getNamespace())
        .addToLabels(ProvisioningLabels.KAMAJI_TENANT, name)
        .addToLabels(ProvisioningLabels.CLUSTER, name)
        .withOwnerReferences(ownerReference(cluster, false))
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  static KeepalivedSpec keepalived(DPUCluster cluster) {
    return cluster.getSpec() == null || cluster.getSpec().getClusterEndpoint() == null ? null
        : cluster.getSpec().getClusterEndpoint().getKeepalived();
  }

  /** Node affinity to control-plane nodes: {@code master} Exists OR {@code control-plane} Exists. */
  static Affinity controlPlaneAffinity() {
    return new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withNodeSelectorTerms(exists(MASTER), exists(CONTROL_PLANE))
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
  }

  static List<Toleration> controlPlaneTolerations() {
    return List.of(
        new TolerationBuilder().withKey(MASTER).withOperator("Exists").withEffect("NoSchedule").build(),
        new TolerationBuilder().withKey(CONTROL_PLANE).withOperator("Exists").withEffect("NoSchedule").build());
  }

  private static NodeSelectorTerm exists(String key) {
    return new NodeSelectorTermBuilder().addNewMatchExpression().withKey(key).withOperator("Exists")
        .endMatchExpression().build();
  }

  /** The keepalived configuration template; the init container substitutes the upper-case placeholders. */
  static final String KEEPALIVED_TEMPLATE = """
      vrrp_script chk-control-plane {
          script "/usr/bin/curl -k https://NODE_IP:NODE_PORT"
          interval 2
          rise 3
          fall 2
          weight 0
      }

      vrrp_instance dpu-cluster-control-plane {
          state BACKUP
          interface INTERFACE
          virtual_router_id VIRTUAL_ROUTER_ID
          priority PRIORITY
          virtual_ipaddress {
              VIRTUAL_IP
          }
          track_script {
              chk-control-plane
          }
      }
      """;

  /** PRIORITY is the last octet of the node IP; every placeholder is replaced from the environment. */
  static final String CREATE_CONF_SCRIPT = """
      set -e
      PRIORITY="${NODE_IP##*.}"
      sed -e "s/NODE_IP/${NODE_IP}/g" -e "s/NODE_PORT/${NODE_PORT}/g" -e "s/INTERFACE/${INTERFACE}/g" \\
          -e "s/VIRTUAL_ROUTER_ID/${VIRTUAL_ROUTER_ID}/g" -e "s/PRIORITY/${PRIORITY}/g" \\
          -e "s/VIRTUAL_IP/${VIRTUAL_IP}/g" /conf-template/keepalived.conf.tmpl > /conf/keepalived.conf
      """;

  static ConfigMap keepalivedConfigMap(DPUCluster cluster) {
    String name = keepalivedName(cluster);
    return new ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace(cluster.getMetadata().getNamespace())
        .addToLabels(ProvisioningLabels.APP_NAME, name)
        .addToLabels(ProvisioningLabels.CLUSTER, cluster.getMetadata().getName())
        .withOwnerReferences(ownerReference(cluster, true)).endMetadata()
        .addToData(KEEPALIVED_CONF_KEY, KEEPALIVED_TEMPLATE)
        .build();
  }

  /** The keepalived DaemonSet of reference 3.7.2 (without the config-hash annotation). */
  static DaemonSet keepalivedDaemonSet(DPUCluster cluster, int nodePort) {
    KeepalivedSpec keepalived = keepalived(cluster);
    String name = keepalivedName(cluster);
    Map<String, String> podLabels = Map.of(ProvisioningLabels.APP_NAME, name);
    return new DaemonSetBuilder()
        .withNewMetadata().withName(name).withNamespace(cluster.getMetadata().getNamespace())
        .addToLabels(ProvisioningLabels.APP_NAME, name)
        .addToLabels(ProvisioningLabels.CLUSTER, cluster.getMetadata().getName())
        .withOwnerReferences(ownerReference(cluster, true)).endMetadata()
        .withNewSpec()
        .withNewSelector().withMatchLabels(podLabels).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(podLabels).endMetadata()
        .withNewSpec()
        .withNodeSelector(keepalived.getNodeSelector() == null || keepalived.getNodeSelector().isEmpty() ? null
            : new LinkedHashMap<>(keepalived.getNodeSelector()))
        .withAffinity(controlPlaneAffinity())
        .withTolerations(controlPlaneTolerations())
        .withHostNetwork(true)
        .withDnsPolicy("ClusterFirstWithHostNet")
        .withRestartPolicy("Always")
        .addNewInitContainer()
        .withName("create-conf")
        .withImage(KEEPALIVED_INIT_IMAGE)
        .withCommand("/bin/sh", "-c", CREATE_CONF_SCRIPT)
        .addNewEnv().withName("NODE_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.hostIP")
        .endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("INTERFACE").withValue(keepalived.getInterfaceName()).endEnv()
        .addNewEnv().withName("VIRTUAL_ROUTER_ID").withValue(String.valueOf(keepalived.getVirtualRouterID())).endEnv()
        .addNewEnv().withName("NODE_PORT").withValue(String.valueOf(nodePort)).endEnv()
        .addNewEnv().withName("VIRTUAL_IP").withValue(keepalived.getVip()).endEnv()
        .addNewVolumeMount().withName("conf-template").withMountPath("/conf-template").endVolumeMount()
        .addNewVolumeMount().withName("conf").withMountPath("/conf").endVolumeMount()
        .endInitContainer()
        .addNewContainer()
        .withName("keepalived")
        .withImage(KEEPALIVED_IMAGE)
        .withNewSecurityContext().withPrivileged(true).endSecurityContext()
        .addNewVolumeMount().withName("conf").withMountPath("/usr/local/etc/keepalived").endVolumeMount()
        .withNewResources()
        .addToRequests("cpu", new Quantity("5m"))
        .addToRequests("memory", new Quantity("64Mi"))
        .addToLimits("memory", new Quantity("512Mi"))
        .endResources()
        .endContainer()
        .addNewVolume().withName("conf").withNewEmptyDir().withSizeLimit(new Quantity("50Mi")).endEmptyDir()
        .endVolume()
        .addNewVolume().withName("conf-template").withNewConfigMap().withName(name).withDefaultMode(420)
        .endConfigMap().endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** SHA-256 over the rendered ConfigMap data and DaemonSet spec. */
  static String configHash(ConfigMap configMap, DaemonSet daemonSet) {
    return KubeconfigSecrets.sha256(SERIALIZATION.asJson(configMap.getData()) + "\n"
        + SERIALIZATION.asJson(daemonSet.getSpec()));
  }
}
