package dev.dpf.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigSpec;
import dev.dpf.api.operator.v1alpha1.Networking;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorNVConfig;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUSpec;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Inputs of the host network: upstream's host network pod environment rules (reference 8.3). */
class HostNetworkInputsTest {

  @Test
  void fromDpuFlavorAndOperatorConfig() throws Exception {
    HostNetworkSpec spec = HostNetworkInputs.resolve(dpu("0000-4b-00", "hbn"),
        Optional.of(flavor("PF_TOTAL_SF=20", "NUM_OF_VFS=46")), List.of(config(networking(9000, null))));
    assertThat(spec).isEqualTo(new HostNetworkSpec("0000:4b:00", 46, "br-dpu", 9000));
  }

  @Test
  void defaults() throws Exception {
    HostNetworkSpec spec = HostNetworkInputs.resolve(dpu("0000-4b-00", "hbn"), Optional.of(flavor()),
        List.of(config(networking(null, null))));
    assertThat(spec).isEqualTo(new HostNetworkSpec("0000:4b:00", 16, "br-dpu", 1500));
  }

  @Test
  void laterReleaseBridgeName() throws Exception {
    HostNetworkSpec spec = HostNetworkInputs.resolve(dpu("0000-4b-00", "hbn"), Optional.of(flavor()),
        List.of(config(networking(1500, "br-oob"))));
    assertThat(spec.bridge()).isEqualTo("br-oob");
  }

  @Test
  void errors() {
    DPFOperatorConfig config = config(networking(1500, null));
    assertThatThrownBy(() -> HostNetworkInputs.resolve(dpu(null, "hbn"), Optional.of(flavor()), List.of(config)))
        .hasMessageContaining("has no PCI address");
    assertThatThrownBy(() -> HostNetworkInputs.resolve(dpu("0000-4b-00", null), Optional.empty(), List.of(config)))
        .hasMessage("spec.dpuFlavor is not set: the number of VFs comes from the DPUFlavor");
    assertThatThrownBy(() -> HostNetworkInputs.resolve(dpu("0000-4b-00", "hbn"), Optional.empty(), List.of(config)))
        .hasMessage("DPUFlavor dpf-operator-system/hbn not found");
    assertThatThrownBy(() -> HostNetworkInputs.resolve(dpu("0000-4b-00", "hbn"), Optional.of(flavor()), List.of()))
        .hasMessage("expected exactly one DPFOperatorConfig, found 0");
    DPFOperatorConfig second = config(networking(1500, null));
    second.getMetadata().setNamespace("other");
    assertThatThrownBy(() -> HostNetworkInputs.resolve(dpu("0000-4b-00", "hbn"), Optional.of(flavor()),
        List.of(config, second)))
        .hasMessage("expected exactly one DPFOperatorConfig, found 2 (dpf-operator-system/dpfoperatorconfig, "
            + "other/dpfoperatorconfig)");
    assertThatThrownBy(() -> HostNetworkInputs.resolve(dpu("0000-4b-00", "hbn"), Optional.of(flavor()),
        List.of(config(null))))
        .hasMessage("DPFOperatorConfig dpf-operator-system/dpfoperatorconfig has no spec.networking");
  }

  static DPU dpu(String pciLabel, String flavor) {
    DPU dpu = new DPU();
    Map<String, String> labels = new HashMap<>();
    if (pciLabel != null) {
      labels.put(ProvisioningLabels.DPU_PCI_ADDRESS, pciLabel);
    }
    dpu.setMetadata(new ObjectMetaBuilder().withName("worker-1-0000-4b-00").withNamespace("dpf-operator-system")
        .withLabels(labels).build());
    DPUSpec spec = new DPUSpec();
    spec.setNodeName("worker-1");
    spec.setDpuFlavor(flavor);
    dpu.setSpec(spec);
    return dpu;
  }

  static DPUFlavor flavor(String... parameters) {
    DPUFlavor flavor = new DPUFlavor();
    flavor.setMetadata(new ObjectMetaBuilder().withName("hbn").withNamespace("dpf-operator-system").build());
    DPUFlavorSpec spec = new DPUFlavorSpec();
    if (parameters.length > 0) {
      DPUFlavorNVConfig nvconfig = new DPUFlavorNVConfig();
      nvconfig.setParameters(List.of(parameters));
      spec.setNvconfig(List.of(nvconfig));
    }
    flavor.setSpec(spec);
    return flavor;
  }

  static Networking networking(Integer mtu, String bridge) {
    Networking networking = new Networking();
    networking.setHighSpeedMTU(mtu);
    networking.setDpuNodeOOBBridgeName(bridge);
    return networking;
  }

  static DPFOperatorConfig config(Networking networking) {
    DPFOperatorConfig config = new DPFOperatorConfig();
    config.setMetadata(new ObjectMetaBuilder().withName("dpfoperatorconfig").withNamespace("dpf-operator-system")
        .build());
    DPFOperatorConfigSpec spec = new DPFOperatorConfigSpec();
    spec.setNetworking(networking);
    config.setSpec(spec);
    return config;
  }
}
