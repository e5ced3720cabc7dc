package dev.dpf.dpfctl.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.dpfctl.model.Obj;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class FlashProgressTest {

  private static Obj dpu(String installation) {
    String yaml = """
        apiVersion: provisioning.dpu.nvidia.com/v1alpha1
        kind: DPU
        metadata: {name: worker-1-0000-4b-00, namespace: dpf-operator-system}
        status:
          phase: OS Installing
        """ + (installation == null ? "" : "  installation: " + installation + "\n");
    return new Obj(Serialization.unmarshal(yaml, GenericKubernetesResource.class));
  }

  @Test
  void bfbTransferShowsPercentAndBytes() {
    assertThat(Synthesis.flashProgress(dpu("{step: TransferringBFB, bytesSent: 1073741824, totalBytes: 4294967296}")))
        .isEqualTo("flashing the BFB 25% (1.0 GiB of 4.0 GiB)");
  }

  @Test
  void laterStepsAndAttempts() {
    assertThat(Synthesis.flashProgress(dpu("{step: DPURebooting}"))).isEqualTo("DPU rebooting");
    assertThat(Synthesis.flashProgress(dpu("{step: Activating, attempt: 2}"))).isEqualTo("activating (attempt 2)");
  }

  @Test
  void nothingWithoutAnInstallationRecord() {
    assertThat(Synthesis.flashProgress(dpu(null))).isEmpty();
  }
}
