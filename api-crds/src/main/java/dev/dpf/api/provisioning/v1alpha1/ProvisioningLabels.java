package dev.dpf.api.provisioning.v1alpha1;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Well-known label and annotation keys of the provisioning group (reference sections 1.7 and 11.7), their
 * well-known values, and the small parsers their values need.
 */
public final class ProvisioningLabels {

  private static final String P = "provisioning.dpu.nvidia.com/";
  private static final String NFD = "feature.node.kubernetes.io/";

  // ---- host Node labels published by NFD + the DPU detector (v24.10)

  /** Host Node: {@code "true"} when a BlueField-2/-3 PCI device is present. */
  public static final String NODE_DPU_ENABLED = NFD + "dpu-enabled";
  /** Host Node: present (empty value) when {@code br-dpu} exists with a default route of metric &gt; 2. */
  public static final String NODE_DPU_OOB_BRIDGE_CONFIGURED = NFD + "dpu-oob-bridge-configured";
  /** Prefix of the per-DPU host Node labels {@code feature.node.kubernetes.io/dpu-<N>-...}. */
  public static final String NODE_DPU_PREFIX = NFD + "dpu-";
  /** Suffix of {@code feature.node.kubernetes.io/dpu-<N>-pci-address} (value {@code 0000-4b-00}). */
  public static final String NODE_DPU_PCI_ADDRESS_SUFFIX = "-pci-address";
  /** Suffix of {@code feature.node.kubernetes.io/dpu-<N>-pf0-name} (value e.g. {@code ens1f0np0}). */
  public static final String NODE_DPU_PF0_NAME_SUFFIX = "-pf0-name";
  /** Suffix of {@code feature.node.kubernetes.io/dpu-<N>-ps-id} (value e.g. {@code MT_0000000375}). */
  public static final String NODE_DPU_PS_ID_SUFFIX = "-ps-id";
  /** DPUSet {@code dpuSelector} keys that select a DPU index: {@code feature.node.kubernetes.io/dpu-<N>-...}. */
  public static final Pattern DPU_SELECTOR_KEY = Pattern.compile("^feature.node.kubernetes.io/dpu-(\\d+)-.*$");

  // ---- DPU labels set by the DPUSet controller (v24.10)

  /** DPU: name of the owning DPUSet. */
  public static final String DPUSET_NAME = P + "dpuset-name";
  /** DPU: namespace of the owning DPUSet. */
  public static final String DPUSET_NAMESPACE = P + "dpuset-namespace";
  /** DPU: the host Node's {@code dpu-<N>-pci-address} value ({@code 0000-4b-00}). */
  public static final String DPU_PCI_ADDRESS = P + "dpu-pciAddress";
  /** DPU: the host Node's {@code dpu-<N>-pf0-name} value. */
  public static final String DPU_PF_NAME = P + "dpu-pf-name";
  /** DPU: the host Node's first InternalIP. */
  public static final String DPU_HOST_IP = P + "dpu-host-ip";

  // ---- reboot control (v24.10)

  /** DPU annotation (copied from the DPUSet template): Go bool; power-cycle instead of warm reboot. */
  public static final String HOST_POWER_CYCLE_REQUIRED = P + "host-power-cycle-required";
  /** Host Node annotation: {@code cycle} (default), {@code reset} or {@code skip} for power-cycle reboots. */
  public static final String POWERCYCLE_COMMAND = P + "powercycle-command";
  /** Host Node annotation: {@code reset} (default), {@code cycle} or {@code skip} for warm reboots. */
  public static final String REBOOT_COMMAND = P + "reboot-command";
  public static final String COMMAND_CYCLE = "cycle";
  public static final String COMMAND_RESET = "reset";
  public static final String COMMAND_SKIP = "skip";
  /** The values {@link #POWERCYCLE_COMMAND} and {@link #REBOOT_COMMAND} accept. */
  public static final List<String> REBOOT_COMMANDS = List.of(COMMAND_CYCLE, COMMAND_RESET, COMMAND_SKIP);

  // ---- DPU-cluster Node labels written through DPU spec.cluster.nodeLabels (v24.10)

  /** DPU-cluster Node: BFB file base name, e.g. {@code bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod}. */
  public static final String DOCA_BFB_VERSION = P + "DOCA-BFB-version";
  /** DPU-cluster Node: host Node name (deprecated in later releases). */
  public static final String HOST = P + "host";

  // ---- cluster managers (v24.10)

  /** Links objects to a DPUCluster (its name); on the Kamaji TenantControlPlane. */
  public static final String CLUSTER = "dpu.nvidia.com/cluster";
  /** Later releases: the DPUCluster namespace, next to {@link #CLUSTER}. */
  public static final String CLUSTER_NAMESPACE = "dpu.nvidia.com/cluster-namespace";
  /** Kamaji tenant label (value: DPUCluster name). */
  public static final String KAMAJI_TENANT = "tenant.clastix.io";
  /** Selector label of the Kamaji control-plane Service (value: DPUCluster name). */
  public static final String KAMAJI_NAME = "kamaji.clastix.io/name";
  /** Pod label of the keepalived DaemonSet (value {@code <dpucluster>-keepalived}). */
  public static final String APP_NAME = "app.kubernetes.io/name";
  /** CRD annotation key that keeps CRDs on {@code helm uninstall} (value {@code keep}). */
  public static final String HELM_RESOURCE_POLICY = "helm.sh/resource-policy";
  /** Later releases: label selecting the Kamaji etcd encryption provider. */
  public static final String ETCD_ENCRYPTION_PROVIDER = P + "etcd-encryption-provider";
  /** Later releases: annotation naming the Kamaji etcd encryption config Secret. */
  public static final String ETCD_ENCRYPTION_CONFIG_SECRET = P + "etcd-encryption-config-secret";

  // ---- later releases (section 11.7)

  public static final String DPUDEVICE_NAME = P + "dpudevice-name";
  public static final String DPUNODE_NAME = P + "dpunode-name";
  public static final String DPUDEVICE_PCI_ADDRESS = P + "dpudevice-pciAddress";
  public static final String DPUDEVICE_PSID = P + "dpudevice-psid";
  public static final String DPUDEVICE_OPN = P + "dpudevice-opn";
  public static final String DPUDEVICE_NUM_OF_PFS = P + "dpudevice-num-of-pfs";
  public static final String DPUDEVICE_PF0_NAME = P + "dpudevice-pf0-name";
  public static final String DPUDEVICE_BMC_IP = P + "dpudevice-bmc-ip";
  public static final String REBOOT_METHOD = P + "reboot-method";
  public static final String SCRIPT_NAME = P + "script-name";
  /** On a DPUNode: extra DPU reboot after install. */
  public static final String DPU_REBOOT_AFTER_INSTALL = P + "dpu-reboot-after-install";
  /** Set ({@code "true"}) on DPU-cluster Nodes that are DPUs. */
  public static final String DPU_NODE = P + "dpu-node";
  /** DPUSet template hash on DPUs. */
  public static final String DPUSET_DPU_TEMPLATE_SPEC_HASH = P + "dpuset-dpu-template-spec-hash";
  /** Annotation on a DPU-cluster Node: JSON of the labels last applied from the DPU (enables removal). */
  public static final String LAST_APPLIED_LABELS_ON_DPU = P + "last-applied-labels-on-dpu";
  /** Component label, e.g. {@code dms} on DMS pods. */
  public static final String COMPONENT = P + "component";
  public static final String COMPONENT_DMS = "dms";
  public static final String SKIP_DPU_PROVISIONING = P + "skip-dpu-provisioning";
  public static final String OVERRIDE_DMS_POD_NAME = P + "override-dms-pod-name";
  /** DPU annotation of the {@code hold} node effect: Go bool, released by setting a false value. */
  public static final String WAIT_FOR_EXTERNAL_NODEEFFECT = P + "wait-for-external-nodeeffect";
  public static final String DPUNODE_EXTERNAL_REBOOT_REQUIRED = P + "dpunode-external-reboot-required";
  public static final String NUM_OF_TRUSTED_SFS = P + "num-of-trusted-sfs";
  public static final String SKIP_BFCFG_SIZE_CHECK = P + "skip-bfcfg-size-check";
  public static final String ALLOW_FIRMWARE_RESET_REBOOT = P + "allow-firmware-reset-reboot";
  public static final String ARM_RESTART_TRACKER = P + "arm-restart-tracker";
  /** DPF version, added to DPU-cluster Node labels. */
  public static final String DPF_VERSION = "operator.dpu.nvidia.com/dpf-version";

  /** The strings Go's {@code strconv.ParseBool} accepts, true ones first. */
  public static final List<String> GO_BOOL_TRUE = List.of("1", "t", "T", "TRUE", "true", "True");
  public static final List<String> GO_BOOL_FALSE = List.of("0", "f", "F", "FALSE", "false", "False");

  private ProvisioningLabels() {}

  /** {@code feature.node.kubernetes.io/dpu-<index>-pci-address}. */
  public static String nodeDpuPciAddress(int index) {
    return NODE_DPU_PREFIX + index + NODE_DPU_PCI_ADDRESS_SUFFIX;
  }

  /** {@code feature.node.kubernetes.io/dpu-<index>-pf0-name}. */
  public static String nodeDpuPf0Name(int index) {
    return NODE_DPU_PREFIX + index + NODE_DPU_PF0_NAME_SUFFIX;
  }

  /** {@code feature.node.kubernetes.io/dpu-<index>-ps-id}. */
  public static String nodeDpuPsId(int index) {
    return NODE_DPU_PREFIX + index + NODE_DPU_PS_ID_SUFFIX;
  }

  /** Go {@code strconv.ParseBool}: the boolean, or empty when the string is not one Go accepts. */
  public static Optional<Boolean> parseGoBool(String value) {
    if (GO_BOOL_TRUE.contains(value)) {
      return Optional.of(Boolean.TRUE);
    }
    if (GO_BOOL_FALSE.contains(value)) {
      return Optional.of(Boolean.FALSE);
    }
    return Optional.empty();
  }

  /** PCI label value {@code 0000-4b-00} in the "with prefix" form {@code 0000:4b:00}. */
  public static String pciAddressWithPrefix(String labelValue) {
    return labelValue.replace('-', ':');
  }

  /** PCI label value {@code 0000-4b-00} in the "without prefix" form {@code 4b:00}. */
  public static String pciAddressWithoutPrefix(String labelValue) {
    int dash = labelValue.indexOf('-');
    return labelValue.substring(dash + 1).replace('-', ':');
  }
}
