package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import io.fabric8.kubernetes.api.model.Pod;

/** The DPU's pods as its phases create them, with the inputs checked (reference 8.2, 8.3). */
final class DmsPods {

  private DmsPods() {}

  /** The DMS pod; fails without the PCI label or the BFB volume. */
  static Pod dmsPod(DpuPass p) {
    if (!Pci.valid(p.dpu.pciAddressLabel())) {
      throw new DpuActionException("not found pci address: the DPU has no valid label "
          + dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels.DPU_PCI_ADDRESS);
    }
    String pvc = p.svc.settings.bfbPvcName();
    if (pvc == null || pvc.isEmpty()) {
      throw new DpuActionException("the BFB volume is not configured: set spec.provisioningController.bfbPVCName in "
          + p.svc.settings.describe());
    }
    return DpuObjects.dmsPod(p.dpu, p.svc.options.dmsImage(), pvc, p.svc.settings.imagePullSecrets(),
        p.svc.settings.dmsTimeoutSeconds());
  }

  /** The host network pod; fails without the PCI label or the DPUFlavor. */
  static Pod hostNetworkPod(DpuPass p) {
    if (!Pci.valid(p.dpu.pciAddressLabel())) {
      throw new DpuActionException("not found pci address: the DPU has no valid label "
          + dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels.DPU_PCI_ADDRESS);
    }
    DPUFlavor flavor = p.svc.resources.flavor(p.dpu);
    int vfs = flavor.getSpec() == null ? DpuObjects.DEFAULT_NUM_OF_VFS
        : flavor.getSpec().nvconfigInt(DPUFlavor.NVCONFIG_NUM_OF_VFS).orElse(DpuObjects.DEFAULT_NUM_OF_VFS);
    Integer mtu = p.svc.settings.highSpeedMtu();
    return DpuObjects.hostNetworkPod(p.dpu, p.svc.options.hostNetworkImage(), p.svc.settings.imagePullSecrets(), vfs,
        mtu == null ? DpuObjects.DEFAULT_MTU : mtu);
  }
}
