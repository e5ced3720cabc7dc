package dev.dpf.agent.host;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.Networking;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Computes a DPU's {@link HostNetworkSpec} from the DPU, its DPUFlavor and the DPFOperatorConfig(s), with the rules
 * of upstream's host network pod (reference 8.3): PCI address from the DPU label, {@code NUM_OF_VFS} from the
 * flavor's nvconfig (default 16), MTU from {@code spec.networking.highSpeedMTU} of exactly one DPFOperatorConfig
 * (default 1500). Pure: no client calls.
 */
public final class HostNetworkInputs {

  /** Upstream's default number of VFs when the flavor has no {@code NUM_OF_VFS}. */
  public static final int DEFAULT_NUM_OF_VFS = 16;

  private HostNetworkInputs() {}

  /**
   * @param flavor the DPU's flavor from the cache (empty when not found)
   * @param configs every DPFOperatorConfig visible to the agent
   */
  public static HostNetworkSpec resolve(DPU dpu, Optional<DPUFlavor> flavor, List<DPFOperatorConfig> configs)
      throws HostNetworkException {
    String pci = Sysfs.pciAddressFromLabel(dpu.pciAddressLabel());
    String flavorName = dpu.getSpec() == null ? null : dpu.getSpec().getDpuFlavor();
    if (flavorName == null || flavorName.isEmpty()) {
      throw new HostNetworkException("spec.dpuFlavor is not set: the number of VFs comes from the DPUFlavor");
    }
    DPUFlavor f = flavor.orElseThrow(() -> new HostNetworkException("DPUFlavor " + dpu.getMetadata().getNamespace()
        + "/" + flavorName + " not found"));
    int numVfs = f.getSpec() == null ? DEFAULT_NUM_OF_VFS
        : f.getSpec().nvconfigInt(DPUFlavor.NVCONFIG_NUM_OF_VFS).orElse(DEFAULT_NUM_OF_VFS);
    if (configs.size() != 1) {
      throw new HostNetworkException("expected exactly one DPFOperatorConfig, found " + configs.size()
          + (configs.isEmpty() ? "" : " (" + String.join(", ", configs.stream()
              .sorted(Comparator.comparing(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName()))
              .map(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName()).toList()) + ")"));
    }
    DPFOperatorConfig config = configs.get(0);
    Networking networking = config.getSpec() == null ? null : config.getSpec().getNetworking();
    if (networking == null) {
      throw new HostNetworkException("DPFOperatorConfig " + config.getMetadata().getNamespace() + "/"
          + config.getMetadata().getName() + " has no spec.networking");
    }
    int mtu = networking.getHighSpeedMTU() == null ? Networking.DEFAULT_MTU : networking.getHighSpeedMTU();
    String bridge = networking.getDpuNodeOOBBridgeName() == null || networking.getDpuNodeOOBBridgeName().isEmpty()
        ? Networking.DEFAULT_DPU_NODE_OOB_BRIDGE_NAME : networking.getDpuNodeOOBBridgeName();
    return new HostNetworkSpec(pci, numVfs, bridge, mtu);
  }
}
