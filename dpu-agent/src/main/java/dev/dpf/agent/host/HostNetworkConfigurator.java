package dev.dpf.agent.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings one DPU's host network to its {@link HostNetworkSpec}, in the order of upstream's {@code hostnetwork.sh}:
 * VFs on PF0 (and PF1 when it is a DPU function), then the bridge (must exist, be a bridge and have an IPv4
 * address), then VF0: attached to the bridge, MTU, up. Every step checks before it changes anything, so a converged
 * host sees only reads. Also detaches VF0 again ({@link #detach}).
 */
public final class HostNetworkConfigurator {

  /** What the host looks like after {@link #configure}. */
  public record Result(String pf0, int pf0Vfs, boolean pf0VfsWritten, String pf1, Integer pf1Vfs, String vf,
      String bridge, int mtu, int wantedVfs, List<String> changes) {

    /** The condition message: VFs, bridge and MTU. */
    public String message() {
      StringBuilder s = new StringBuilder("VFs: ").append(pf0).append(' ').append(pf0Vfs);
      if (pf0Vfs != wantedVfs) {
        s.append(" (already set; NUM_OF_VFS ").append(wantedVfs).append(" not applied)");
      }
      if (pf1 != null) {
        s.append(", ").append(pf1).append(' ').append(pf1Vfs);
      }
      return s.append("; VF0 ").append(vf).append(" attached to bridge ").append(bridge).append(", MTU ").append(mtu)
          .append(", up").toString();
    }
  }

  private final Sysfs sysfs;
  private final IpRoute2 ip;

  public HostNetworkConfigurator(Sysfs sysfs, IpRoute2 ip) {
    this.sysfs = sysfs;
    this.ip = ip;
  }

  public Sysfs sysfs() {
    return sysfs;
  }

  public IpRoute2 ip() {
    return ip;
  }

  public Result configure(HostNetworkSpec spec) throws HostNetworkException {
    List<String> changes = new ArrayList<>();
    Sysfs.PhysicalFunction pf0 = sysfs.pf0(spec.pciAddress());
    Sysfs.NumVfs vfs0 = sysfs.ensureNumVfs(pf0, spec.numVfs());
    if (vfs0.written()) {
      changes.add("sriov_numvfs of " + pf0.describe() + " set to " + vfs0.count());
    }
    Optional<Sysfs.PhysicalFunction> pf1 = sysfs.pf1(spec.pciAddress());
    Integer pf1Vfs = null;
    if (pf1.isPresent()) {
      Sysfs.NumVfs vfs1 = sysfs.ensureNumVfs(pf1.get(), spec.numVfs());
      pf1Vfs = vfs1.count();
      if (vfs1.written()) {
        changes.add("sriov_numvfs of " + pf1.get().describe() + " set to " + vfs1.count());
      }
    }

    String bridge = spec.bridge();
    IpRoute2.Link bridgeLink = ip.link(bridge).orElseThrow(() -> new HostNetworkException("bridge " + bridge
        + " does not exist" + inNetns() + " (it is prepared on the host before DPF, e.g. with netplan)"));
    if (!"bridge".equals(bridgeLink.kind())) {
      throw new HostNetworkException(bridge + " is not a bridge (kind " + bridgeLink.kind() + ")");
    }
    if (ip.ipv4Addresses(bridge).isEmpty()) {
      throw new HostNetworkException("bridge " + bridge + " has no IPv4 address" + inNetns());
    }

    if (vfs0.count() == 0) {
      throw new HostNetworkException(pf0.describe() + " has no VFs (sriov_numvfs is 0 and NUM_OF_VFS is 0)");
    }
    String vf = sysfs.vfNetdev(pf0.netdev(), 0).orElseThrow(() -> new HostNetworkException("VF0 of "
        + pf0.describe() + " has no network interface yet (" + sysfs.vfNetDir(pf0.netdev(), 0)
        + " is missing or empty)"));
    IpRoute2.Link link = ip.link(vf).orElseThrow(() -> new HostNetworkException("VF0 interface " + vf + " of "
        + pf0.describe() + " not found by ip" + inNetns()));
    if (!bridge.equals(link.master())) {
      ip.setMaster(vf, bridge);
      changes.add(vf + " attached to " + bridge + (link.master() == null ? "" : " (was on " + link.master() + ")"));
    }
    if (link.mtu() != spec.mtu()) {
      ip.setMtu(vf, spec.mtu());
      changes.add(vf + " MTU " + link.mtu() + " -> " + spec.mtu());
    }
    if (!link.up()) {
      ip.setUp(vf);
      changes.add(vf + " set up");
    }
    return new Result(pf0.describe(), vfs0.count(), vfs0.written(), pf1.map(Sysfs.PhysicalFunction::describe)
        .orElse(null), pf1Vfs, vf, bridge, spec.mtu(), spec.numVfs(), changes);
  }

  /**
   * Detaches VF0 from {@code bridge} ({@code ip link set <vf> nomaster}) when it is still attached to it; a VF on
   * another master or without one is left alone.
   *
   * @param vf VF0's netdev when known (from the last configuration), else resolved through sysfs
   * @return the detached VF, or empty when there was nothing to do
   */
  public Optional<String> detach(String pciAddress, String vf, String bridge) throws HostNetworkException {
    String name = vf;
    if (name == null) {
      Sysfs.PhysicalFunction pf0 = sysfs.pf0(pciAddress);
      Optional<String> resolved = sysfs.vfNetdev(pf0.netdev(), 0);
      if (resolved.isEmpty()) {
        return Optional.empty();
      }
      name = resolved.get();
    }
    Optional<IpRoute2.Link> link = ip.link(name);
    if (link.isEmpty() || !bridge.equals(link.get().master())) {
      return Optional.empty();
    }
    ip.setNoMaster(name);
    return Optional.of(name);
  }

  private String inNetns() {
    return ip.netns() == null ? "" : " in network namespace " + ip.netns();
  }
}
