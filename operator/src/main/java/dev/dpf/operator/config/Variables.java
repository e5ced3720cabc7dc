package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.ComponentConfiguration;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigSpec;
import dev.dpf.api.operator.v1alpha1.FlannelConfiguration;
import dev.dpf.api.operator.v1alpha1.HelmComponentConfiguration;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.api.operator.v1alpha1.Overrides;
import dev.dpf.common.runtime.DpfRuntimeConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "variables" of reference §4.6 computed from a DPFOperatorConfig and the release defaults: which components are
 * on, the image and chart of each (override or default), and what every component gets (namespace, pull secrets,
 * MTUs, BFB claim, DMS timeout). Pure.
 *
 * @param settings the run-time snapshot (switches, overrides, MTUs, pull secrets) also published to the controllers
 * @param namespace the DPFOperatorConfig's namespace: every generated object goes there
 * @param images the effective image per component that has one
 * @param charts the effective Helm chart string per DPU-side component
 * @param podCidr {@code spec.flannel.podCIDR}, or null
 * @param overrides {@code spec.overrides}, or null
 */
public record Variables(
    DpfRuntimeConfig settings,
    String namespace,
    Map<String, String> images,
    Map<String, String> charts,
    String podCidr,
    Overrides overrides) {

  public static Variables of(DPFOperatorConfig config, ReleaseDefaults release) {
    DpfRuntimeConfig settings = DpfRuntimeConfig.of(config);
    DPFOperatorConfigSpec spec = config.getSpec() == null ? new DPFOperatorConfigSpec() : config.getSpec();
    Map<String, ComponentConfiguration> components = DpfRuntimeConfig.components(spec);
    Map<String, String> images = new LinkedHashMap<>();
    images.put(OperatorLabels.SERVICECHAINSET_CONTROLLER, release.dpfSystemImage());
    images.put(OperatorLabels.OVS_HELPER, release.dpfSystemImage());
    images.put(OperatorLabels.SFC_CONTROLLER, release.agentImage());
    images.put(OperatorLabels.OVS_CNI, release.ovsCniImage());
    images.put(OperatorLabels.MULTUS, release.multusImage());
    images.put(OperatorLabels.SRIOV_DEVICE_PLUGIN, release.sriovDpImage());
    images.put(OperatorLabels.NVIDIA_K8S_IPAM, release.nvipamImage());
    settings.imageOverrides().forEach((component, image) -> {
      if (images.containsKey(component)) {
        images.put(component, image);
      }
    });
    Map<String, String> charts = new LinkedHashMap<>();
    for (String component : OperatorLabels.DPUSERVICE_COMPONENTS) {
      charts.put(component, OperatorLabels.SFC_CONTROLLER.equals(component) ? release.dpuAgentHelmChart()
          : release.dpuNetworkingHelmChart());
      String override = chartOverride(components.get(component));
      if (override != null && !override.isEmpty()) {
        charts.put(component, override);
      }
    }
    return new Variables(settings, config.getMetadata().getNamespace(), Map.copyOf(images), Map.copyOf(charts),
        spec.getFlannel() == null ? null : spec.getFlannel().getPodCIDR(), spec.getOverrides());
  }

  private static String chartOverride(ComponentConfiguration c) {
    if (c instanceof HelmComponentConfiguration h) {
      return h.getHelmChart();
    }
    if (c instanceof FlannelConfiguration f) {
      return f.getHelmChart();
    }
    return null;
  }

  public boolean enabled(String component) {
    return settings.enabled(component);
  }

  public Optional<String> image(String component) {
    return Optional.ofNullable(images.get(component));
  }

  public String chart(String component) {
    return charts.get(component);
  }

  public List<String> imagePullSecrets() {
    return settings.imagePullSecrets();
  }
}
