package dev.dpf.api.operator.v1alpha1;

import java.util.List;

/** Label and annotation keys and component names of the DPF Operator (reference §4). */
public final class OperatorLabels {

  /** Label on every object the operator creates: the component name. */
  public static final String COMPONENT = "dpu.nvidia.com/component";
  /** Label on a Secret listed in {@code spec.imagePullSecrets} (value empty). */
  public static final String IMAGE_PULL_SECRET = "dpu.nvidia.com/image-pull-secret";

  /** ApplySet (KEP 3659) label on every member object: the ApplySet id. */
  public static final String APPLYSET_PART_OF = "applyset.kubernetes.io/part-of";
  /** ApplySet label on the parent Secret: the ApplySet id. */
  public static final String APPLYSET_ID = "applyset.kubernetes.io/id";
  /** ApplySet annotation on the parent: comma-joined sorted {@code <Kind>.<group>/<name>.<namespace>} entries. */
  public static final String APPLYSET_INVENTORY = "applyset.kubernetes.io/inventory";
  /** ApplySet annotation on the parent: the tooling. */
  public static final String APPLYSET_TOOLING = "applyset.kubernetes.io/tooling";
  /** Value of {@link #APPLYSET_TOOLING}. */
  public static final String APPLYSET_TOOLING_VALUE = "dpf-operator/v0";
  /** Suffix of the ApplySet parent Secret name: {@code <component>-applyset}. */
  public static final String APPLYSET_PARENT_SUFFIX = "-applyset";

  // Component names (the dpu.nvidia.com/component value and, for DPU-side components, the DPUService name).
  public static final String PROVISIONING_CONTROLLER = "provisioning-controller";
  public static final String DPUSERVICE_CONTROLLER = "dpuservice-controller";
  public static final String SERVICECHAINSET_CONTROLLER = "servicechainset-controller";
  public static final String DPUDETECTOR = "dpudetector";
  public static final String FLANNEL = "flannel";
  public static final String MULTUS = "multus";
  public static final String SRIOV_DEVICE_PLUGIN = "sriov-device-plugin";
  public static final String OVS_CNI = "ovs-cni";
  public static final String NVIDIA_K8S_IPAM = "nvidia-k8s-ipam";
  public static final String SFC_CONTROLLER = "sfc-controller";
  public static final String KAMAJI_CLUSTER_MANAGER = "kamaji-cluster-manager";
  public static final String STATIC_CLUSTER_MANAGER = "static-cluster-manager";
  public static final String OVS_HELPER = "ovs-helper";

  /** The v24.10 component inventory, in the reference's order. */
  public static final List<String> COMPONENTS = List.of(PROVISIONING_CONTROLLER, DPUSERVICE_CONTROLLER,
      SERVICECHAINSET_CONTROLLER, DPUDETECTOR, FLANNEL, MULTUS, SRIOV_DEVICE_PLUGIN, OVS_CNI, NVIDIA_K8S_IPAM,
      SFC_CONTROLLER, KAMAJI_CLUSTER_MANAGER, STATIC_CLUSTER_MANAGER, OVS_HELPER);

  /** Host-cluster components (embedded manifests); the others are DPUServices. */
  public static final List<String> HOST_COMPONENTS = List.of(PROVISIONING_CONTROLLER, DPUSERVICE_CONTROLLER,
      KAMAJI_CLUSTER_MANAGER, STATIC_CLUSTER_MANAGER, DPUDETECTOR);

  /** Components deployed as DPUServices into the DPU clusters. */
  public static final List<String> DPUSERVICE_COMPONENTS = List.of(SERVICECHAINSET_CONTROLLER, MULTUS,
      SRIOV_DEVICE_PLUGIN, FLANNEL, NVIDIA_K8S_IPAM, OVS_CNI, SFC_CONTROLLER, OVS_HELPER);

  // Later-release component names.
  public static final String SERVICECHAINSET_RBAC_AND_CRDS = "servicechainset-rbac-and-crds";
  public static final String NVIDIA_K8S_IPAM_NODE = "nvidia-k8s-ipam-node";
  public static final String BFB_REGISTRY = "bfb-registry";
  public static final String CNI_INSTALLER = "cni-installer";
  public static final String NODESRIOVDEVICEPLUGIN_CONTROLLER = "nodesriovdeviceplugin-controller";
  public static final String KUBE_STATE_METRICS = "kube-state-metrics";
  public static final String KUBE_STATE_METRICS_RBAC = "kube-state-metrics-rbac";
  public static final String NODE_PROBLEM_DETECTOR = "node-problem-detector";
  public static final String OPENTELEMETRY_COLLECTOR = "opentelemetry-collector";
  public static final String KATA_CONTAINERS = "kata-containers";

  private OperatorLabels() {}
}
