package dev.dpf.dpfctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.dpfctl.cli.Context;
import dev.dpf.dpfctl.source.YamlObjectSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DpfctlTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private Context context(Map<String, String> env, boolean terminal) {
    return new Context(c -> new YamlObjectSource(List.of()), env::get, terminal, Clock.systemUTC(),
        new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void versionAndHelp() {
    assertThat(new Dpfctl(context(Map.of(), false)).execute("-v")).isZero();
    assertThat(out.toString()).matches("Client Version: \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
    out.getBuffer().setLength(0);
    assertThat(new Dpfctl(context(Map.of(), false)).execute()).isZero();
    assertThat(out.toString()).contains("A CLI tool for the DOCA Platform Framework", "describe", "why");
    out.getBuffer().setLength(0);
    assertThat(new Dpfctl(context(Map.of(), false)).execute("describe")).isZero();
    assertThat(out.toString()).contains("--show-conditions", "--grouping", "--kubeconfig", "-n, --namespace");
  }

  @Test
  void coloursOnlyOnATerminalWithoutNoColor() {
    assertThat(context(Map.of(), true).colours(true)).isTrue();
    assertThat(context(Map.of(), true).colours(false)).isFalse();
    assertThat(context(Map.of(), false).colours(true)).isFalse();
    assertThat(context(Map.of("NO_COLOR", ""), true).colours(true)).isFalse();
    assertThat(context(Map.of("NO_COLOR", "1"), true).colours(true)).isFalse();
  }

  @Test
  void colouredDescribeOnATerminal() {
    String objects = GoldenTestObjects.SMALL;
    Context terminal = new Context(c -> YamlObjectSource.parse(objects), Map.<String, String>of()::get, true,
        Clock.fixed(GoldenTest.NOW, java.time.ZoneOffset.UTC), new PrintWriter(out), new PrintWriter(err));
    assertThat(new Dpfctl(terminal).execute("describe", "dpuservices")).isZero();
    assertThat(out.toString()).contains("\u001b[32mReady: True\u001b[0m", "DPUService/\u001b[1ma\u001b[0m");
    out.getBuffer().setLength(0);
    assertThat(new Dpfctl(terminal).execute("describe", "dpuservices", "--color=false")).isZero();
    assertThat(out.toString()).doesNotContain("\u001b[");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(new Dpfctl(context(Map.of(), false)).execute("describe", "all", "--nope")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--nope'");
  }
}
