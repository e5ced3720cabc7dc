package dev.dpf.provisioning.dpuset;

import dev.dpf.api.common.ApiGroups;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.provisioning.v1alpha1.DPUSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplate;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateSpec;
import dev.dpf.api.provisioning.v1alpha1.K8sCluster;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Which DPUs of a Node a DPUSet selects (reference 6.4) and how each DPU object is built (6.6). Pure functions.
 */
public final class DpuTemplating {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private DpuTemplating() {}

  /** A DPU that cannot be built from the Node's labels; the message is upstream's error text. */
  public static final class BuildException extends Exception {
    public BuildException(String message) {
      super(message);
    }
  }

  /**
   * The DPU indices to create on a selected Node (6.4): with a non-empty {@code dpuSelector}, the index of each
   * entry whose key matches {@code ^feature.node.kubernetes.io/dpu-\d+-.*$} and whose value equals the Node's label
   * (an OR over entries); without one, index 0 when some label key ends with {@code dpu-0-pci-address}.
   */
  public static SortedSet<Integer> indices(Map<String, String> dpuSelector, Map<String, String> nodeLabels) {
    Map<String, String> labels = nodeLabels == null ? Map.of() : nodeLabels;
    SortedSet<Integer> result = new TreeSet<>();
    if (dpuSelector != null && !dpuSelector.isEmpty()) {
      for (Map.Entry<String, String> e : dpuSelector.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          continue;
        }
        Matcher m = ProvisioningLabels.DPU_SELECTOR_KEY.matcher(e.getKey());
        if (m.matches()) {
          try {
            result.add(Integer.parseInt(m.group(1)));
          } catch (NumberFormatException ignored) {
            // more digits than an int: not a DPU index
          }
        }
      }
      return result;
    }
    if (labels.keySet().stream().anyMatch(k -> k.endsWith("dpu-0" + ProvisioningLabels.NODE_DPU_PCI_ADDRESS_SUFFIX))) {
      result.add(0);
    }
    return result;
  }

  /** The name the DPU of {@code node} with PCI label value {@code pci} gets: {@code <lowercase node>-<pci>}. */
  public static String dpuName(String nodeName, String pci) {
    return nodeName.toLowerCase(Locale.ROOT) + "-" + pci;
  }

  /**
   * Builds DPU {@code index} of {@code node} for {@code set} (6.6): labels (set identity, the DPUSet's own labels,
   * PCI address, PF0 name, host IP), template annotations, the spec from the template and a controller owner
   * reference to the DPUSet.
   */
  public static DPU build(DPUSet set, Node node, int index) throws BuildException {
    String nodeName = node.getMetadata().getName();
    Map<String, String> nodeLabels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ProvisioningLabels.DPUSET_NAME, set.getMetadata().getName());
    labels.put(ProvisioningLabels.DPUSET_NAMESPACE, set.getMetadata().getNamespace());
    if (set.getMetadata().getLabels() != null) {
      labels.putAll(set.getMetadata().getLabels());
    }
    String pci = nodeLabel(nodeLabels, ProvisioningLabels.nodeDpuPciAddress(index),
        "dpu-" + index + ProvisioningLabels.NODE_DPU_PCI_ADDRESS_SUFFIX);
    if (pci != null) {
      if (pci.isEmpty()) {
        throw new BuildException("the label of dpu-%d-pci-address on node " + nodeName + " is empty");
      }
      labels.put(ProvisioningLabels.DPU_PCI_ADDRESS, pci);
    }
    String pf = nodeLabel(nodeLabels, ProvisioningLabels.nodeDpuPf0Name(index),
        "dpu-" + index + ProvisioningLabels.NODE_DPU_PF0_NAME_SUFFIX);
    if (pf != null) {
      if (pf.isEmpty()) {
        throw new BuildException("the label of dpu-%d-pf0-name on node " + nodeName + " is empty");
      }
      labels.put(ProvisioningLabels.DPU_PF_NAME, pf);
    }
    String hostIp = internalIp(node);
    if (hostIp != null) {
      labels.put(ProvisioningLabels.DPU_HOST_IP, hostIp);
    }
    if (pci == null) {
      throw new BuildException("DPU on node " + nodeName + " cannot be created due to lack of pci address of dpu");
    }

    DPU dpu = new DPU();
    dpu.getMetadata().setName(dpuName(nodeName, pci));
    dpu.getMetadata().setNamespace(set.getMetadata().getNamespace());
    dpu.getMetadata().setLabels(labels);
    DPUTemplate template = set.getSpec().getDpuTemplate();
    if (template.getAnnotations() != null && !template.getAnnotations().isEmpty()) {
      dpu.getMetadata().setAnnotations(new LinkedHashMap<>(template.getAnnotations()));
    }
    dpu.getMetadata().setOwnerReferences(java.util.List.of(new OwnerReferenceBuilder()
        .withApiVersion(ApiGroups.PROVISIONING + "/" + ApiGroups.V1ALPHA1)
        .withKind("DPUSet")
        .withName(set.getMetadata().getName())
        .withUid(set.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build()));
    dpu.setSpec(spec(template.getSpec(), nodeName));
    return dpu;
  }

  private static DPUSpec spec(DPUTemplateSpec t, String nodeName) {
    DPUSpec spec = new DPUSpec();
    spec.setNodeName(nodeName);
    spec.setBfb(t.getBfb() == null ? null : t.getBfb().getName());
    spec.setNodeEffect(t.getNodeEffect() == null ? null : SERIALIZATION.clone(t.getNodeEffect()));
    K8sCluster cluster = new K8sCluster();
    DPUTemplateCluster tc = t.getCluster();
    cluster.setNodeLabels(tc == null || tc.getNodeLabels() == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(tc.getNodeLabels()));
    if (tc != null) {
      if (tc.getNodeAnnotations() != null) {
        cluster.setNodeAnnotations(new LinkedHashMap<>(tc.getNodeAnnotations()));
      }
      if (tc.getSelector() != null) {
        cluster.setSelector(SERIALIZATION.clone(tc.getSelector()));
      }
    }
    spec.setCluster(cluster);
    spec.setDpuFlavor(t.getDpuFlavor());
    spec.setAutomaticNodeReboot(t.getAutomaticNodeReboot());
    spec.setSecureBoot(t.getSecureBoot());
    spec.setAstraEnabled(t.getAstraEnabled());
    return spec;
  }

  /**
   * The value of the Node label whose key ends with {@code suffix}: the NFD key {@code exact} when present, else the
   * first matching key in key order (upstream takes any key ending with the suffix). Null when none.
   */
  private static String nodeLabel(Map<String, String> labels, String exact, String suffix) {
    if (labels.containsKey(exact)) {
      return labels.get(exact);
    }
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      if (e.getKey().endsWith(suffix)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The Node's first {@code InternalIP} address, or null. */
  static String internalIp(Node node) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return null;
    }
    return node.getStatus().getAddresses().stream()
        .filter(a -> "InternalIP".equals(a.getType()))
        .map(NodeAddress::getAddress)
        .findFirst()
        .orElse(null);
  }
}
