package dev.dpf.provisioning.bfcfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reboot command selection of reference 9.10. */
class RebootCommandTest {

  static final Map<String, String> POWER_CYCLE = Map.of(ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED, "true");

  @Test
  void defaultIsWarmReset() throws Exception {
    RebootCommand command = RebootCommand.select(null, null);
    assertThat(command).isEqualTo(new RebootCommand(RebootCommand.Type.WARM, "reset"));
    assertThat(command.additionalReboot()).isFalse();
  }

  @Test
  void nodeRebootCommandSelectsWarmArgumentOrSkip() throws Exception {
    assertThat(RebootCommand.select(Map.of(), Map.of(ProvisioningLabels.REBOOT_COMMAND, "cycle")))
        .isEqualTo(new RebootCommand(RebootCommand.Type.WARM, "cycle"));
    RebootCommand skip = RebootCommand.select(Map.of(), Map.of(ProvisioningLabels.REBOOT_COMMAND, "skip"));
    assertThat(skip.type()).isEqualTo(RebootCommand.Type.SKIP);
    assertThat(skip.additionalReboot()).isTrue();
  }

  @Test
  void powerCycleRequiredReadsPowercycleCommand() throws Exception {
    RebootCommand command = RebootCommand.select(POWER_CYCLE, Map.of(ProvisioningLabels.REBOOT_COMMAND, "skip"));
    assertThat(command).isEqualTo(new RebootCommand(RebootCommand.Type.POWER_CYCLE, "cycle"));
    assertThat(command.ipmitoolCommand()).isEqualTo("ipmitool chassis power cycle");
    assertThat(RebootCommand.select(POWER_CYCLE, Map.of(ProvisioningLabels.POWERCYCLE_COMMAND, "reset"))
        .ipmitoolCommand()).isEqualTo("ipmitool chassis power reset");
    assertThat(RebootCommand.select(POWER_CYCLE, Map.of(ProvisioningLabels.POWERCYCLE_COMMAND, "skip"))
        .additionalReboot()).isTrue();
  }

  @Test
  void goBoolSyntaxAndUnparsableMeansWarm() throws Exception {
    for (String yes : ProvisioningLabels.GO_BOOL_TRUE) {
      assertThat(RebootCommand.select(Map.of(ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED, yes), Map.of()).type())
          .isEqualTo(RebootCommand.Type.POWER_CYCLE);
    }
    for (String no : new String[] {"false", "0", "yes", ""}) {
      assertThat(RebootCommand.select(Map.of(ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED, no), Map.of()).type())
          .isEqualTo(RebootCommand.Type.WARM);
    }
  }

  @Test
  void invalidValueHasUpstreamMessage() {
    assertThatThrownBy(() -> RebootCommand.select(Map.of(), Map.of(ProvisioningLabels.REBOOT_COMMAND, "halt")))
        .isInstanceOf(RebootCommand.InvalidValueException.class)
        .hasMessage("invalid value \"halt\", supported values: [\"cycle\" \"reset\" \"skip\"]");
    assertThatThrownBy(() -> RebootCommand.select(POWER_CYCLE, Map.of(ProvisioningLabels.POWERCYCLE_COMMAND, "off")))
        .hasMessageContaining("invalid value \"off\"");
    assertThatThrownBy(() -> RebootCommand.select(Map.of(), Map.of()).ipmitoolCommand())
        .isInstanceOf(IllegalStateException.class);
  }
}
