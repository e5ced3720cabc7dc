package dev.dpf.operator.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The images and Helm charts a release deploys when the DPFOperatorConfig does not override them (upstream embeds
 * them in the operator build, reference §4.1; the upstream tags here are unverified). Each one can be replaced
 * through an environment variable of the operator process (the chart sets them), and all must be valid at start-up.
 *
 * @param dpfSystemImage upstream's {@code dpfSystemImage} (servicechainset-controller, ovs-helper)
 * @param agentImage the node agent of this implementation (host-mode DaemonSet, DPU mode as sfc-controller)
 * @param ovsCniImage upstream's {@code ovsCniImage}
 * @param multusImage upstream's {@code multusImage}
 * @param sriovDpImage upstream's {@code sriovDPImage}
 * @param nvipamImage upstream's {@code nvipamImage}
 * @param dpuNetworkingHelmChart upstream's {@code dpuNetworkingHelmChart}: the umbrella chart of the DPU-side
 *     components
 * @param dpuAgentHelmChart the chart of the node agent in DPU mode (charts/dpf-dpu-agent), used for sfc-controller
 */
public record ReleaseDefaults(
    String dpfSystemImage,
    String agentImage,
    String ovsCniImage,
    String multusImage,
    String sriovDpImage,
    String nvipamImage,
    String dpuNetworkingHelmChart,
    String dpuAgentHelmChart) {

  /** The version of this build (jar manifest), or {@code 0.1.0} when run from classes. */
  public static final String VERSION = version();

  public static ReleaseDefaults builtIn() {
    return new ReleaseDefaults(
        "nvcr.io/nvidia/doca/dpf-system:v24.10.0",
        "ghcr.io/dpf-java/dpf-dpu-agent:" + VERSION,
        "nvcr.io/nvidia/doca/ovs-cni-plugin:v24.10.0",
        "ghcr.io/k8snetworkplumbingwg/multus-cni:v3.9.3",
        "ghcr.io/k8snetworkplumbingwg/sriov-network-device-plugin:v3.6.2",
        "ghcr.io/mellanox/nvidia-k8s-ipam:v0.2.0",
        "oci://ghcr.io/nvidia/dpu-networking:v24.10.0",
        "oci://ghcr.io/dpf-java/charts/dpf-dpu-agent:" + VERSION);
  }

  /** The environment variable of each default, in declaration order. */
  public static final List<String> ENVIRONMENT = List.of("DPF_SYSTEM_IMAGE", "DPF_AGENT_IMAGE", "DPF_OVS_CNI_IMAGE",
      "DPF_MULTUS_IMAGE", "DPF_SRIOV_DP_IMAGE", "DPF_NVIPAM_IMAGE", "DPF_DPU_NETWORKING_HELM_CHART",
      "DPF_DPU_AGENT_HELM_CHART");

  /** The built-in defaults with non-empty environment variables taken over. */
  public static ReleaseDefaults fromEnvironment(Map<String, String> env) {
    Map<String, String> v = builtIn().asMap();
    for (String key : ENVIRONMENT) {
      String value = env.get(key);
      if (value != null && !value.isBlank()) {
        v.put(key, value.trim());
      }
    }
    return of(v::get);
  }

  private static ReleaseDefaults of(UnaryOperator<String> v) {
    return new ReleaseDefaults(v.apply("DPF_SYSTEM_IMAGE"), v.apply("DPF_AGENT_IMAGE"), v.apply("DPF_OVS_CNI_IMAGE"),
        v.apply("DPF_MULTUS_IMAGE"), v.apply("DPF_SRIOV_DP_IMAGE"), v.apply("DPF_NVIPAM_IMAGE"),
        v.apply("DPF_DPU_NETWORKING_HELM_CHART"), v.apply("DPF_DPU_AGENT_HELM_CHART"));
  }

  /** The defaults keyed by environment variable. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("DPF_SYSTEM_IMAGE", dpfSystemImage);
    m.put("DPF_AGENT_IMAGE", agentImage);
    m.put("DPF_OVS_CNI_IMAGE", ovsCniImage);
    m.put("DPF_MULTUS_IMAGE", multusImage);
    m.put("DPF_SRIOV_DP_IMAGE", sriovDpImage);
    m.put("DPF_NVIPAM_IMAGE", nvipamImage);
    m.put("DPF_DPU_NETWORKING_HELM_CHART", dpuNetworkingHelmChart);
    m.put("DPF_DPU_AGENT_HELM_CHART", dpuAgentHelmChart);
    return m;
  }

  /** Throws when a default is empty or malformed (upstream refuses to start in that case too). */
  public ReleaseDefaults validate() {
    List<String> problems = new ArrayList<>();
    asMap().forEach((key, value) -> {
      if (value == null || value.isBlank()) {
        problems.add(key + " is empty");
        return;
      }
      try {
        if (key.endsWith("_HELM_CHART")) {
          HelmChartSource.parse(value);
        } else {
          ImageReference.parse(value);
        }
      } catch (IllegalArgumentException e) {
        problems.add(key + ": " + e.getMessage());
      }
    });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid release defaults: " + String.join("; ", problems));
    }
    return this;
  }

  private static String version() {
    String v = ReleaseDefaults.class.getPackage().getImplementationVersion();
    return v == null || v.isEmpty() || v.endsWith("-SNAPSHOT") ? "0.1.0" : v;
  }
}
