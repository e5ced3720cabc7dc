package dev.dpf.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.dms.PodExecHostOps.ExecResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command logic of {@link PodExecHostOps} (argument vectors, order of the warm-reboot steps, exit codes, output
 * parsing) with a scripted transport. The pods/exec transport itself is covered by {@link PodExecTransportTest}.
 */
class PodExecHostOpsTest {

  private final DpuRef dpu = new DpuRef("dpf", "dpu-a");
  private final List<List<String>> commands = new ArrayList<>();
  private final Deque<ExecResult> results = new ArrayDeque<>();
  private final PodExecHostOps ops = new PodExecHostOps((target, command) -> {
    assertThat(target).isEqualTo(dpu);
    commands.add(command);
    return results.removeFirst();
  });

  @Test
  void uptimeRunsCatProcUptime() {
    results.add(new ExecResult(0, "35432.17 70120.55\n", ""));

    assertThat(ops.uptimeSeconds(dpu)).isEqualTo(35432L);
    assertThat(commands).containsExactly(List.of("cat", "/proc/uptime"));
  }

  @Test
  void powerCycleRunsIpmitool() {
    results.add(new ExecResult(0, "Chassis Power Control: Cycle\n", ""));
    results.add(new ExecResult(0, "", ""));

    ops.powerCycle(dpu, PowerAction.CYCLE);
    ops.powerCycle(dpu, PowerAction.RESET);

    assertThat(commands).containsExactly(List.of("ipmitool", "chassis", "power", "cycle"),
        List.of("ipmitool", "chassis", "power", "reset"));
  }

  @Test
  void warmRebootShutsTheArmDownThenRebootsTheHost() {
    results.add(new ExecResult(0, "", ""));
    results.add(new ExecResult(0, "", ""));

    ops.warmReboot(dpu, "4b:00", PowerAction.RESET);

    assertThat(commands).containsExactly(List.of("bf-slr.sh", "4b:00", "reset", "arm"),
        List.of("bf-slr.sh", "4b:00", "reset", "host"));
  }

  @Test
  void nonZeroExitIsAnErrorWithStderr() {
    results.add(new ExecResult(1, "", "Could not open device at /dev/ipmi0\n"));

    assertThatThrownBy(() -> ops.powerCycle(dpu, PowerAction.CYCLE))
        .isInstanceOf(HostOpsException.class)
        .hasMessageContaining("`ipmitool chassis power cycle` in pod dpf/dpu-a-dms exited with code 1")
        .hasMessageContaining("Could not open device at /dev/ipmi0");
  }

  @Test
  void failedArmStepStopsBeforeTheHostStep() {
    results.add(new ExecResult(2, "", ""));

    assertThatThrownBy(() -> ops.warmReboot(dpu, "4b:00", PowerAction.CYCLE))
        .isInstanceOf(HostOpsException.class).hasMessageContaining("exited with code 2");
    assertThat(commands).hasSize(1);
  }

  @Test
  void garbageUptimeIsAnError() {
    results.add(new ExecResult(0, "oops", ""));

    assertThatThrownBy(() -> ops.uptimeSeconds(dpu)).isInstanceOf(HostOpsException.class)
        .hasMessageContaining("cannot parse the output of `cat /proc/uptime`");
  }

  @Test
  void pciAddressIsValidated() {
    assertThatThrownBy(() -> ops.warmReboot(dpu, "--help", PowerAction.CYCLE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(commands).isEmpty();
  }
}
