package dev.dpf.provisioning.flavor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.api.provisioning.v1alpha1.ConfigFile;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorSpec;
import dev.dpf.provisioning.bfcfg.BfCfgInput;
import dev.dpf.provisioning.bfcfg.BfCfgRenderer;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlavorValidationTest {

  @Test
  void emptyFlavorIsValid() {
    assertThat(FlavorValidation.problems(new DPUFlavorSpec())).isEmpty();
    assertThat(FlavorValidation.problems(null)).isEmpty();
  }

  @Test
  void reservedResourcesShortfallAndOversizedBfCfgAreBothReported() {
    DPUFlavorSpec spec = new DPUFlavorSpec();
    spec.setDpuResources(Map.of("cpu", new IntOrString("2")));
    spec.setSystemReservedResources(Map.of("cpu", new IntOrString("3")));
    ConfigFile big = new ConfigFile();
    big.setPath("/etc/big");
    big.setRaw("x".repeat(131_000));
    spec.setConfigFiles(List.of(big));
    List<String> problems = FlavorValidation.problems(spec);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).endsWith("Additional resources needed in spec.dpuResources: [cpu: 1]");
    assertThat(problems.get(1)).startsWith("the bf.cfg rendered from this flavor is up to ")
        .contains("over the maximum limit (131072)");
  }

  @Test
  void sizeCheckUsesAWorstCaseDpu() {
    DPUFlavorSpec spec = new DPUFlavorSpec();
    ConfigFile file = new ConfigFile();
    file.setPath("/etc/almost");
    file.setRaw("");
    spec.setConfigFiles(List.of(file));
    BfCfgInput typical = new BfCfgInput("worker-1-0000-4b-00",
        "kubeadm join 10.0.110.254:31467 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:"
            + "0".repeat(64) + " --v=5", false);
    int base = BfCfgRenderer.renderText(spec, typical).getBytes(StandardCharsets.UTF_8).length;
    file.setRaw("x".repeat(BfCfgRenderer.MAX_SIZE - base - 100));
    assertThat(BfCfgRenderer.renderText(spec, typical).getBytes(StandardCharsets.UTF_8).length)
        .as("fits for a typical DPU").isLessThanOrEqualTo(BfCfgRenderer.MAX_SIZE);
    assertThat(FlavorValidation.problems(spec)).as("but not for every DPU").singleElement().asString()
        .contains("bf.cfg");
  }
}
