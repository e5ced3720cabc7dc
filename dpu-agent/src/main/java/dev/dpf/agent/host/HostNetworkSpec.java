package dev.dpf.agent.host;

/**
 * What the host network of one DPU should look like (upstream's host network pod environment: {@code
 * device_pci_address}, {@code num_of_vfs}, {@code vf_mtu}; plus the bridge name).
 *
 * @param pciAddress the DPU's PCI address without function, {@code 0000:4b:00}
 * @param numVfs VFs to create on each DPU PF whose {@code sriov_numvfs} is 0
 * @param bridge the host bridge VF0 is attached to ({@code br-dpu})
 * @param mtu MTU of VF0 ({@code DPFOperatorConfig.spec.networking.highSpeedMTU})
 */
public record HostNetworkSpec(String pciAddress, int numVfs, String bridge, int mtu) {}
