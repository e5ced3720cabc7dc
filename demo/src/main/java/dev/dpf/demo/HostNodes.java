package dev.dpf.demo;

import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulated host Nodes ({@code worker-1..N}): what a BlueField host looks like after Node Feature Discovery and
 * the DPU detector labelled it (one DPU at PCI {@code 0000:4b:00}, PF0 {@code ens1f0np0}, the OOB bridge
 * prepared), with an InternalIP, managed by kwok.
 */
final class HostNodes {

  static final String DPU_PCI = "0000-4b-00";
  static final String PF0 = "ens1f0np0";

  private HostNodes() {}

  static String name(int index) {
    return "worker-" + index;
  }

  /** TEST-NET-1 addresses: 192.0.2.11, .12, ... */
  static String internalIp(int index) {
    return "192.0.2." + (10 + index);
  }

  /** The DPU object the DPUSet creates for host {@code index} ({@code <node>-<pci>}). */
  static String dpuName(int index) {
    return name(index) + "-" + DPU_PCI;
  }

  static Node node(int index) {
    String name = name(index);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("type", "kwok");
    labels.put(ProvisioningLabels.NODE_DPU_ENABLED, "true");
    labels.put(ProvisioningLabels.nodeDpuPciAddress(0), DPU_PCI);
    labels.put(ProvisioningLabels.nodeDpuPf0Name(0), PF0);
    labels.put(ProvisioningLabels.NODE_DPU_OOB_BRIDGE_CONFIGURED, "");
    Map<String, Quantity> capacity = Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"),
        "pods", new Quantity("110"));
    return new NodeBuilder()
        .withNewMetadata().withName(name).withLabels(labels)
          .addToAnnotations(Kwok.ANNOTATION, Kwok.VALUE)
          .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
        .endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus()
          .addNewAddress().withType("InternalIP").withAddress(internalIp(index)).endAddress()
          .addNewAddress().withType("Hostname").withAddress(name).endAddress()
          .withCapacity(capacity).withAllocatable(capacity)
        .endStatus()
        .build();
  }

  static void create(KubernetesClient client, int hosts) {
    for (int i = 1; i <= hosts; i++) {
      client.nodes().resource(node(i)).create();
    }
  }
}
