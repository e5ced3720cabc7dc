package dev.dpf.provisioning.flavor;

import dev.dpf.api.provisioning.v1alpha1.DPUFlavorSpec;
import dev.dpf.provisioning.bfcfg.BfCfgInput;
import dev.dpf.provisioning.bfcfg.BfCfgRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The DPUFlavor rules that the CRD's CEL cannot express at an acceptable cost (upstream enforces the first in its
 * validating webhook): reserved resources that exceed {@code dpuResources}, and a bf.cfg that cannot fit the
 * 128 KiB limit for a DPU with a maximal name. Pure.
 */
final class FlavorValidation {

  /** The longest DPU name Kubernetes allows (DNS subdomain). */
  static final String LONGEST_DPU_NAME = "d".repeat(253);
  /** A join command as long as a real one can be: maximal host name, 5-digit port. */
  static final String LONGEST_JOIN_COMMAND = "kubeadm join " + "h".repeat(253) + ":65535 --token abcdef.0123456789abcdef"
      + " --discovery-token-ca-cert-hash sha256:" + "0".repeat(64) + " --v=5";

  private FlavorValidation() {}

  /** The problems of a flavor, empty when it is valid. */
  static List<String> problems(DPUFlavorSpec spec) {
    List<String> problems = new ArrayList<>();
    String shortfall = spec == null ? null : spec.reservedResourcesShortfallMessage();
    if (shortfall != null) {
      problems.add(shortfall);
    }
    int size = BfCfgRenderer.renderText(spec, new BfCfgInput(LONGEST_DPU_NAME, LONGEST_JOIN_COMMAND, true))
        .getBytes(StandardCharsets.UTF_8).length;
    if (size > BfCfgRenderer.MAX_SIZE) {
      problems.add("the bf.cfg rendered from this flavor is up to " + size + " bytes, over the maximum limit ("
          + BfCfgRenderer.MAX_SIZE + "): shorten spec.configFiles or spec.ovs.rawConfigScript");
    }
    return problems;
  }
}
