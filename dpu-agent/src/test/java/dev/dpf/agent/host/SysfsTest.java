package dev.dpf.agent.host;

import dev.dpf.dpusim.SysfsTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sysfs rules of upstream's hostnetwork.sh on temporary trees laid out like sysfs. */
class SysfsTest {

  @TempDir
  Path dir;

  SysfsTree tree;
  Sysfs sysfs;

  @BeforeEach
  void setUp() {
    tree = new SysfsTree(dir);
    sysfs = new Sysfs(dir);
  }

  @Test
  void pciAddressFromLabel() throws Exception {
    assertThat(Sysfs.pciAddressFromLabel("0000-4b-00")).isEqualTo("0000:4b:00");
    assertThat(Sysfs.pciAddressFromLabel("0000-4B-00")).isEqualTo("0000:4b:00");
    assertThat(Sysfs.pciAddressFromLabel("4b-00")).isEqualTo("0000:4b:00");
    assertThatThrownBy(() -> Sysfs.pciAddressFromLabel(null)).hasMessageContaining("has no PCI address");
    assertThatThrownBy(() -> Sysfs.pciAddressFromLabel("../../etc")).hasMessageContaining("invalid PCI address");
    assertThatThrownBy(() -> Sysfs.pciAddressFromLabel("0000-4b-00.0")).hasMessageContaining("invalid PCI address");
  }

  @Test
  void pf0IsTheFirstNetdevOfFunctionZero() throws Exception {
    tree.pf("0000:4b:00.0", "0xa2dc", "ens1f0np0", 0, 16);
    Sysfs.PhysicalFunction pf0 = sysfs.pf0("0000:4b:00");
    assertThat(pf0.netdev()).isEqualTo("ens1f0np0");
    assertThat(pf0.pciAddress()).isEqualTo("0000:4b:00.0");
    assertThat(pf0.describe()).isEqualTo("ens1f0np0 (0000:4b:00.0)");
  }

  @Test
  void badLayoutsAreClearErrors() {
    assertThatThrownBy(() -> sysfs.pf0("0000:4b:00"))
        .hasMessageContaining("no such PCI device 0000:4b:00.0");
    tree.function("0000:4b:00.0", "0xa2dc", null);
    assertThatThrownBy(() -> sysfs.pf0("0000:4b:00"))
        .hasMessageContaining("PCI device 0000:4b:00.0 has no network interface");
    SysfsTree.mkdirs(dir.resolve("devices/pci0000:00/0000:4b:00.0/net"));
    assertThatThrownBy(() -> sysfs.pf0("0000:4b:00")).hasMessageContaining("has no network interface");
  }

  @Test
  void pf1OnlyWhenFunctionOneIsADpu() throws Exception {
    tree.pf("0000:4b:00.0", "0xa2dc", "ens1f0np0", 0, 16);
    assertThat(sysfs.pf1("0000:4b:00")).isEmpty();
    tree.pf("0000:4b:00.1", "0x1021", "ens1f1np1", 0, 16);
    assertThat(sysfs.pf1("0000:4b:00")).as("ConnectX-7 NIC function, not a DPU").isEmpty();

    tree.pf("0000:5e:00.0", "0xa2d6", "ens2f0np0", 0, 8);
    tree.pf("0000:5e:00.1", "0xA2D6", "ens2f1np1", 0, 8);
    assertThat(sysfs.pf1("0000:5e:00")).get().extracting(Sysfs.PhysicalFunction::netdev).isEqualTo("ens2f1np1");

    tree.pf("0000:6f:00.0", "0xa2dc", "ens3f0np0", 0, 8);
    tree.pf("0000:6f:00.1", "0xa2dc", null, 0, 8);
    assertThat(sysfs.pf1("0000:6f:00")).get().satisfies(pf -> {
      assertThat(pf.netdev()).isNull();
      assertThat(pf.describe()).isEqualTo("0000:6f:00.1");
    });
  }

  @Test
  void numVfsIsWrittenOnlyWhenZero() throws Exception {
    tree.pf("0000:4b:00.0", "0xa2dc", "ens1f0np0", 0, 16);
    Sysfs.PhysicalFunction pf0 = sysfs.pf0("0000:4b:00");
    assertThat(sysfs.ensureNumVfs(pf0, 8)).isEqualTo(new Sysfs.NumVfs(8, true));
    assertThat(tree.read("bus/pci/devices/0000:4b:00.0/sriov_numvfs")).isEqualTo("8");
    assertThat(sysfs.ensureNumVfs(pf0, 16)).as("a non-zero value is never changed")
        .isEqualTo(new Sysfs.NumVfs(8, false));
    assertThat(tree.read("bus/pci/devices/0000:4b:00.0/sriov_numvfs")).isEqualTo("8");
  }

  @Test
  void numVfsZeroWantedLeavesZero() throws Exception {
    tree.pf("0000:4b:00.0", "0xa2dc", "ens1f0np0", 0, 16);
    assertThat(sysfs.ensureNumVfs(sysfs.pf0("0000:4b:00"), 0)).isEqualTo(new Sysfs.NumVfs(0, false));
  }

  @Test
  void numVfsErrors() throws Exception {
    tree.pf("0000:4b:00.0", "0xa2dc", "ens1f0np0", 0, 4);
    Sysfs.PhysicalFunction pf0 = sysfs.pf0("0000:4b:00");
    assertThatThrownBy(() -> sysfs.ensureNumVfs(pf0, 16))
        .hasMessageContaining("NUM_OF_VFS 16 exceeds the 4 VFs ens1f0np0 (0000:4b:00.0) supports");
    assertThat(tree.read("bus/pci/devices/0000:4b:00.0/sriov_numvfs")).isEqualTo("0");

    tree.write("bus/pci/devices/0000:4b:00.0/sriov_numvfs", "garbage\n");
    assertThatThrownBy(() -> sysfs.ensureNumVfs(pf0, 2)).hasMessageContaining("unexpected content in")
        .hasMessageContaining("garbage");

    Files.delete(dir.resolve("devices/pci0000:00/0000:4b:00.0/sriov_numvfs"));
    assertThatThrownBy(() -> sysfs.ensureNumVfs(pf0, 2)).hasMessageContaining("does not support SR-IOV");
  }

  @Test
  void vf0NetdevThroughClassNet() throws Exception {
    tree.pf("0000:4b:00.0", "0xa2dc", "ens1f0np0", 16, 16);
    assertThat(sysfs.vfNetdev("ens1f0np0", 0)).isEmpty();
    tree.vf("0000:4b:00.0", 0, "0000:4b:00.2", "ens1f0v0");
    tree.vf("0000:4b:00.0", 1, "0000:4b:00.3", "ens1f0v1");
    assertThat(sysfs.vfNetdev("ens1f0np0", 0)).contains("ens1f0v0");
    assertThat(sysfs.vfNetdev("ens1f0np0", 1)).contains("ens1f0v1");
    assertThat(sysfs.vfNetdev("nosuchpf", 0)).isEmpty();
  }
}
