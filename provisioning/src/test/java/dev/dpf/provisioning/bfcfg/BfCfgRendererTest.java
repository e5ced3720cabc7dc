package dev.dpf.provisioning.bfcfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dpf.api.provisioning.v1alpha1.ConfigFile;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorSpec;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Limits and errors of the bf.cfg renderer; the content is covered by {@link BfCfgGoldenTest}. */
class BfCfgRendererTest {

  static final BfCfgInput INPUT = new BfCfgInput("dpu-a", "kubeadm join 10.0.0.1:6443 --token a.b --v=5", false);

  @Test
  void rejectsBfCfgOverTheCapWithUpstreamMessage() {
    DPUFlavorSpec spec = withFile("x".repeat(BfCfgRenderer.MAX_SIZE));
    assertThatThrownBy(() -> BfCfgRenderer.render(spec, INPUT))
        .isInstanceOf(BfCfgException.class)
        .hasMessageMatching("bf\\.cfg for dpu-a size \\(\\d+\\) exceeds the maximum limit \\(131072\\)");
  }

  @Test
  void acceptsBfCfgOfExactlyTheCap() throws Exception {
    int base = BfCfgRenderer.renderText(withFile("x"), INPUT).getBytes(StandardCharsets.UTF_8).length;
    DPUFlavorSpec spec = withFile("x".repeat(BfCfgRenderer.MAX_SIZE - base + 1));
    assertThat(BfCfgRenderer.render(spec, INPUT)).hasSize(BfCfgRenderer.MAX_SIZE);
    DPUFlavorSpec over = withFile("x".repeat(BfCfgRenderer.MAX_SIZE - base + 2));
    assertThatThrownBy(() -> BfCfgRenderer.render(over, INPUT)).hasMessageContaining("size (131073)");
  }

  @Test
  void invalidRebootAnnotationFailsRendering() {
    assertThatThrownBy(() -> BfCfgInput.forDpu("dpu-a", "kubeadm join", Map.of(),
        Map.of(ProvisioningLabels.REBOOT_COMMAND, "now")))
        .isInstanceOf(BfCfgException.class)
        .hasMessage("invalid value \"now\", supported values: [\"cycle\" \"reset\" \"skip\"]");
  }

  @Test
  void nullFlavorRendersLikeEmptyFlavor() throws Exception {
    assertThat(BfCfgRenderer.render(null, INPUT)).isEqualTo(BfCfgRenderer.render(new DPUFlavorSpec(), INPUT));
  }

  @Test
  void blockScalarsRoundTripAwkwardContent() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    for (String content : List.of("a", "a\n", "a\n\n\n", "  lead\nx\n", "\n\nafter blank lines\n", "\ttab\n",
        "key: value\n- item\n# hash\n", "trailing spaces   \n", "   \n  spaces only lines\n", "\n", "\n\n",
        "line1\r\nline2\r\n", "é ü 🚀\n")) {
      String doc = "list:\n  - path: x\n    content: " + Yaml.block(content, 4);
      JsonNode parsed = yaml.readTree(doc);
      assertThat(parsed.at("/list/0/content").asText()).as(doc).isEqualTo(content.replace("\r\n", "\n"));
    }
  }

  static DPUFlavorSpec withFile(String raw) {
    ConfigFile file = new ConfigFile();
    file.setPath("/etc/big");
    file.setRaw(raw);
    DPUFlavorSpec spec = new DPUFlavorSpec();
    spec.setConfigFiles(List.of(file));
    return spec;
  }
}
