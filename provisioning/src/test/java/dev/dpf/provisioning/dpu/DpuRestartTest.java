package dev.dpf.provisioning.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUInstallStep;
import dev.dpf.api.provisioning.v1alpha1.DPUInstallation;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.dpusim.DmsSimulator;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator is killed (its harness stopped: informers, reconcilers and the background installation tasks end)
 * in the middle of {@code OS Installing} and a new one is started on the same BFB volume: every DPU still ends Ready
 * and is activated exactly once, because the status records how far the installation got.
 */
@KubeTest
class DpuRestartTest {

  static final String FILE = "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb";

  DpuTestbed bed;
  List<String> names = new ArrayList<>();

  @BeforeEach
  void setUp(KubeTestContext kube) {
    // DPUs take 3 s to flash and reboot, so that the operator can be stopped while DMS works
    bed = new DpuTestbed(kube, fleet -> fleet.rebootTime(Duration.ofSeconds(3)));
    bed.bfb("bfb", FILE, 2 * 1024 * 1024);
    bed.flavor("flavor");
    for (int i = 1; i <= 3; i++) {
      names.add(DpuTestbed.dpuName(bed.host(i)));
    }
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  @Test
  void killedWhileDmsFlashesTheDpusEndsReadyWithOneActivationEach() {
    bed.start();
    bed.hosts.forEach(h -> bed.dpu(h, "bfb", d -> {}));
    await().atMost(DpuTestbed.WAIT).until(() -> names.stream().allMatch(n -> {
      DPUInstallation inst = installation(n);
      return inst != null && Boolean.TRUE.equals(inst.getActivated());
    }));
    assertThat(names).allMatch(n -> bed.fleet.dpu(n).dms().rebooting());
    bed.stop();

    bed.start();
    for (String name : names) {
      bed.awaitPhase(name, DPUPhase.READY);
    }
    for (String name : names) {
      DmsSimulator dms = bed.fleet.dpu(name).dms();
      assertThat(dms.stats().activations()).as("activations of %s", name).isEqualTo(1);
      assertThat(dms.stats().activateCalls()).as("Activate calls to %s", name).isEqualTo(1);
    }
  }

  @Test
  void killedBetweenTheTransferAndTheActivationActivatesOnce() {
    // the transfer is done and the intent recorded, but the operator dies before DMS accepted the activation
    for (String name : names) {
      bed.fleet.dpu(name).dms().hang(DmsSimulator.Op.ACTIVATE);
    }
    bed.start();
    bed.hosts.forEach(h -> bed.dpu(h, "bfb", d -> {}));
    await().atMost(DpuTestbed.WAIT).until(() -> names.stream().allMatch(n -> {
      DPUInstallation inst = installation(n);
      return inst != null && inst.getActivationRequestedAt() != null;
    }));
    bed.stop();
    names.forEach(n -> bed.fleet.dpu(n).dms().clearFaults());

    bed.start();
    for (String name : names) {
      bed.awaitPhase(name, DPUPhase.READY);
    }
    for (String name : names) {
      DmsSimulator dms = bed.fleet.dpu(name).dms();
      assertThat(dms.stats().activations()).as("activations of %s", name).isEqualTo(1);
    }
  }

  @Test
  void killedDuringTheTransferStartsItAgainAndActivatesOnce() {
    // DMS answers slowly: the transfer is still running when the operator dies
    for (String name : names) {
      bed.fleet.dpu(name).dms().latency(Duration.ofSeconds(2));
    }
    bed.start();
    bed.hosts.forEach(h -> bed.dpu(h, "bfb", d -> {}));
    await().atMost(DpuTestbed.WAIT).until(() -> names.stream().allMatch(n -> {
      DPUInstallation inst = installation(n);
      return inst != null && inst.getStep() == DPUInstallStep.TRANSFERRING_BFB;
    }));
    bed.stop();
    names.forEach(n -> bed.fleet.dpu(n).dms().latency(Duration.ZERO));

    bed.start();
    for (String name : names) {
      bed.awaitPhase(name, DPUPhase.READY);
    }
    for (String name : names) {
      assertThat(bed.fleet.dpu(name).dms().stats().activations()).as("activations of %s", name).isEqualTo(1);
    }
  }

  DPUInstallation installation(String name) {
    DPU dpu = bed.get(name);
    return dpu == null || dpu.getStatus() == null ? null : dpu.getStatus().getInstallation();
  }
}
