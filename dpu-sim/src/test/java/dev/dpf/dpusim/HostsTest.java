package dev.dpf.dpusim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.dms.DpuRef;
import dev.dpf.dms.HostOps;
import dev.dpf.dms.HostOpsException;
import dev.dpf.dms.PowerAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Simulated hosts behind the {@link HostOps} seam, with a controllable clock. */
class HostsTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  private Fleet fleet;
  private HostOps ops;

  @BeforeEach
  void start() {
    fleet = Fleet.builder().clock(clock).initialHostUptime(Duration.ofHours(5)).build();
    fleet.addDpu("dpu-a", "host-1");
    fleet.addDpu("dpu-b", "host-1");
    fleet.addDpu("dpu-c", "host-2");
    ops = fleet.hostOps();
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  @Test
  void uptimeResetsOnPowerCycle() {
    DpuRef a = new DpuRef("ns", "dpu-a");
    assertThat(ops.uptimeSeconds(a)).isEqualTo(5 * 3600);
    advance(Duration.ofSeconds(30));

    ops.powerCycle(a, PowerAction.CYCLE);
    advance(Duration.ofSeconds(42));

    assertThat(ops.uptimeSeconds(a)).isEqualTo(42);
    assertThat(ops.uptimeSeconds(new DpuRef("ns", "dpu-b"))).isEqualTo(42);
    assertThat(ops.uptimeSeconds(new DpuRef("ns", "dpu-c"))).isEqualTo(5 * 3600 + 72);
    assertThat(fleet.host("host-1").commandLog()).containsExactly("cat /proc/uptime", "ipmitool chassis power cycle",
        "cat /proc/uptime", "cat /proc/uptime");
    assertThat(fleet.host("host-1").reboots()).isEqualTo(1);
  }

  @Test
  void warmRebootRunsBfSlrOnTheDpusPciAddress() {
    assertThat(fleet.dpu("dpu-a").pciAddress()).isEqualTo("4b:00");
    assertThat(fleet.dpu("dpu-b").pciAddress()).isEqualTo("4c:00");
    DpuRef b = new DpuRef("ns", "dpu-b");

    ops.warmReboot(b, "4c:00", PowerAction.RESET);
    advance(Duration.ofSeconds(3));

    assertThat(ops.uptimeSeconds(b)).isEqualTo(3);
    assertThat(fleet.host("host-1").commandLog()).containsExactly("bf-slr.sh 4c:00 reset arm",
        "bf-slr.sh 4c:00 reset host", "cat /proc/uptime");
    assertThatThrownBy(() -> ops.warmReboot(b, "4b:01", PowerAction.RESET))
        .isInstanceOf(HostOpsException.class).hasMessageContaining("no BlueField at 4b:01");
  }

  @Test
  void hostIsUnreachableWhileDown() {
    fleet.host("host-2").downtime(Duration.ofSeconds(60));
    DpuRef c = new DpuRef("ns", "dpu-c");
    ops.powerCycle(c, PowerAction.RESET);
    advance(Duration.ofSeconds(10));

    assertThatThrownBy(() -> ops.uptimeSeconds(c)).isInstanceOf(HostOpsException.class)
        .hasMessage("`cat /proc/uptime` on host host-2 failed: the host is down (rebooting)");
    advance(Duration.ofSeconds(55));
    assertThat(ops.uptimeSeconds(c)).isEqualTo(5);
  }

  @Test
  void injectedCommandFailureAndUnknownDpu() {
    fleet.host("host-2").failCommands("DMS pod not running");
    assertThatThrownBy(() -> ops.powerCycle(new DpuRef("ns", "dpu-c"), PowerAction.CYCLE))
        .hasMessage("`ipmitool chassis power cycle` on host host-2 failed: DMS pod not running");
    assertThatThrownBy(() -> ops.uptimeSeconds(new DpuRef("ns", "dpu-x"))).isInstanceOf(HostOpsException.class)
        .hasMessageContaining("pods \"dpu-x-dms\" not found");
  }

  @Test
  void endpointsPointAtEachSimulator() {
    assertThat(fleet.endpoints().address(new DpuRef("ns", "dpu-a"))).contains(fleet.dpu("dpu-a").dms().address());
    assertThat(fleet.endpoints().address(new DpuRef("ns", "dpu-x"))).isEmpty();
    assertThat(fleet.dpu("dpu-a").dms().address()).isNotEqualTo(fleet.dpu("dpu-b").dms().address());
  }

  private void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }
}
