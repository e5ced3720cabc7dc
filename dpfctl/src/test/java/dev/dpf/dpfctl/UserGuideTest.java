package dev.dpf.dpfctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.dpfctl.source.ViewerRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/user-guide/dpfctl.md shows real output: its examples are the golden files, its ClusterRole the code's. */
class UserGuideTest {

  private static final Pattern GOLDEN_BLOCK =
      Pattern.compile("<!-- golden: ([a-z0-9-]+) -->\\n```text\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern ROLE_BLOCK = Pattern.compile("<!-- viewer-role -->\\n```yaml\\n(.*?)```",
      Pattern.DOTALL);

  private static String guide() throws IOException {
    Path root = Path.of(System.getProperty("dpf.root", ".."));
    return Files.readString(root.resolve("docs/user-guide/dpfctl.md"), StandardCharsets.UTF_8);
  }

  @Test
  void examplesAreTheGoldenOutputs() throws IOException {
    Matcher m = GOLDEN_BLOCK.matcher(guide());
    int examples = 0;
    while (m.find()) {
      String expected = Files.readString(GoldenTest.GOLDEN.resolve(m.group(1)).resolve("expected.txt"),
          StandardCharsets.UTF_8);
      assertThat(m.group(2)).as("example %s", m.group(1)).isEqualTo(expected);
      examples++;
    }
    assertThat(examples).isGreaterThanOrEqualTo(5);
  }

  @Test
  void clusterRoleIsTheOneTheCodeNeeds() throws IOException {
    Matcher m = ROLE_BLOCK.matcher(guide());
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo(ViewerRole.yaml());
  }
}
