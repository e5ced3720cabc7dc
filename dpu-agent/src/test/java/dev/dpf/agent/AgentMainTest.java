package dev.dpf.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.agent.host.HostMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Flags of the agent's main program (environment defaults are the same picocli mechanism as the operator's). */
class AgentMainTest {

  static AgentOptions parse(String... args) {
    AgentMain main = new AgentMain();
    new CommandLine(main).parseArgs(args);
    return main.options();
  }

  @Test
  void flags() {
    AgentOptions o = parse("--mode=host", "--node-name=worker-1", "--watch-namespaces=dpf-operator-system, other",
        "--dpfoperatorconfig-namespace=dpf-operator-system", "--sysfs-root=/host/sys", "--netns=hostns",
        "--ip-command=/usr/sbin/ip", "--command-timeout=5s", "--resync-period=2m", "--health-probe-bind-address=:9440");
    assertThat(o).isEqualTo(new AgentOptions("host", "worker-1", Set.of("dpf-operator-system", "other"),
        "dpf-operator-system", Path.of("/host/sys"), "hostns", "/usr/sbin/ip", Duration.ofSeconds(5),
        Duration.ofMinutes(2), ":9440"));
  }

  @Test
  void defaults() {
    AgentOptions o = parse("--node-name=worker-1");
    assertThat(o.mode()).isEqualTo("host");
    assertThat(o.sysfsRoot()).isEqualTo(Path.of("/sys"));
    assertThat(o.netns()).isEmpty();
    assertThat(o.operatorConfigNamespace()).isEmpty();
    assertThat(o.watchNamespaces()).isEmpty();
    assertThat(o.resyncPeriod()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.commandTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.healthBindAddress()).isEqualTo(":8081");
    assertThat(parse("--node-name=w", "--health-probe-bind-address=").healthBindAddress()).isNull();
  }

  @Test
  void nodeNameIsRequired() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("NODE_NAME") == null, "NODE_NAME is set here");
    assertThatThrownBy(() -> parse()).hasMessageContaining("--node-name (env NODE_NAME) is required");
  }

  @Test
  void modes() {
    assertThat(AgentMain.mode("host")).isInstanceOf(HostMode.class);
    assertThatThrownBy(() -> AgentMain.mode("bogus")).hasMessageContaining("unknown --mode bogus");
  }

  @Test
  void durations() {
    AgentMain.DurationConverter c = new AgentMain.DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(c.convert("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> c.convert("soon")).hasMessageContaining("invalid duration 'soon'");
  }

  @Test
  void badFlagsExitWithUsage() {
    int exit = new CommandLine(new AgentMain()).execute("--node-name=w", "--mode=bogus");
    assertThat(exit).isEqualTo(2);
    assertThat(new CommandLine(new AgentMain()).execute("--resync-period=soon")).isEqualTo(2);
  }
}
