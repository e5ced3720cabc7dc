package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.api.operator.v1alpha1.Overrides;
import dev.dpf.api.svc.v1alpha1.ApplicationSource;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceSpec;
import dev.dpf.api.svc.v1alpha1.HelmChart;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DPU-side system components as DPUServices (reference §4.7 B): one DPUService per component, named like the
 * component, in the DPFOperatorConfig's namespace, with the chart source parsed from the (overridable) chart string
 * and Helm values keyed under the component name (all components are sub-charts of the {@code dpu-networking}
 * umbrella chart). Pure.
 *
 * <p>Adaptations to this implementation (docs/controllers/dpfoperatorconfig.md): {@code sfc-controller} deploys this
 * implementation's node agent in DPU mode from its own chart ({@code --mode=dpu}); {@code servicechainset-controller}
 * keeps the upstream chart (it ships the DPU-cluster CRDs and RBAC) with its controller scaled to zero, because the
 * ServiceInterfaceSet/ServiceChainSet controllers run inside the operator.
 */
public final class SystemDpuServices {

  /** Arguments of the node agent in DPU mode (the sfc-controller DPUService). */
  public static final List<String> DPU_AGENT_ARGS = List.of("--mode=dpu");

  private SystemDpuServices() {}

  /**
   * The DPUService of a DPU-side component.
   *
   * @throws IllegalArgumentException for a malformed chart string or image (the upstream messages)
   */
  public static DPUService build(String component, Variables v) {
    HelmChartSource source = HelmChartSource.parse(v.chart(component));
    Optional<ImageReference> image = v.image(component).map(ImageReference::parse);
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("enabled", true);
    if (!v.imagePullSecrets().isEmpty()) {
      inner.put("imagePullSecrets", v.imagePullSecrets().stream().map(s -> Map.of("name", s)).toList());
    }
    switch (component) {
      case OperatorLabels.FLANNEL -> flannel(inner, image, v);
      case OperatorLabels.SERVICECHAINSET_CONTROLLER -> {
        image.ifPresent(i -> put(inner, i.values(), "controllerManager", "manager", "image"));
        put(inner, 0, "controllerManager", "replicas");
      }
      case OperatorLabels.SFC_CONTROLLER -> sfcController(inner, image, v);
      case OperatorLabels.OVS_HELPER -> image.ifPresent(i -> put(inner, i.values(), "ovsHelper", "image"));
      case OperatorLabels.OVS_CNI -> image.ifPresent(i -> {
        put(inner, i.values(), "arm64", "ovsCniMarker", "image");
        put(inner, i.values(), "arm64", "ovsCniPlugin", "image");
      });
      case OperatorLabels.MULTUS -> {
        image.ifPresent(i -> {
          put(inner, i.values(), "kubeMultusDs", "installMultusBinary", "image");
          put(inner, i.values(), "kubeMultusDs", "kubeMultus", "image");
        });
        inner.put("mtu", String.valueOf(v.settings().highSpeedMtu()));
      }
      case OperatorLabels.SRIOV_DEVICE_PLUGIN ->
          image.ifPresent(i -> put(inner, i.values(), "kubeSriovDevicePlugin", "kubeSriovdp", "image"));
      case OperatorLabels.NVIDIA_K8S_IPAM -> image.ifPresent(i -> put(inner, i.values(), "nvIpam", "image"));
      default -> throw new IllegalArgumentException(component + " is not a DPU-side system component");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(component, inner);
    DPUService service = new DPUService();
    service.setMetadata(new ObjectMetaBuilder().withName(component).withNamespace(v.namespace())
        .addToLabels(OperatorLabels.COMPONENT, component).build());
    DPUServiceSpec spec = new DPUServiceSpec();
    spec.setHelmChart(new HelmChart(new ApplicationSource(source.repoURL(), source.chart(), source.version()),
        values));
    service.setSpec(spec);
    return service;
  }

  private static void flannel(Map<String, Object> inner, Optional<ImageReference> image, Variables v) {
    image.ifPresent(i -> put(inner, i.values(), "flannel", "image"));
    put(inner, String.valueOf(v.settings().controlPlaneMtu()), "flannel", "mtu");
    Overrides o = v.overrides();
    if (o != null && o.getFlannelSkipCNIConfigInstallation() != null) {
      put(inner, o.getFlannelSkipCNIConfigInstallation(), "flannel", "skipCNIConfigInstallation");
    }
    if (v.podCidr() != null && !v.podCidr().isEmpty()) {
      inner.put("podCidr", v.podCidr());
    }
  }

  /**
   * The node agent in DPU mode: image, mode, the OVS run directory and API server address of spec.overrides. The
   * agent image carries its own OVS tools, so the OVS binary/library path overrides do not apply
   * ({@link ComponentManifests#ignoredFields}).
   */
  private static void sfcController(Map<String, Object> inner, Optional<ImageReference> image, Variables v) {
    image.ifPresent(i -> put(inner, i.values(), "controllerManager", "manager", "image"));
    put(inner, DPU_AGENT_ARGS, "controllerManager", "manager", "args");
    Overrides o = v.overrides();
    if (o == null) {
      return;
    }
    putIfSet(inner, o.getDpuOpenvSwitchRunPath(), "hostPaths", "openvswitchRun");
    if (o.getKubernetesAPIServerVIP() != null && !o.getKubernetesAPIServerVIP().isEmpty()) {
      put(inner, o.getKubernetesAPIServerVIP(), "kubernetesAPIServer", "host");
      if (o.getKubernetesAPIServerPort() != null) {
        put(inner, String.valueOf(o.getKubernetesAPIServerPort()), "kubernetesAPIServer", "port");
      }
    }
  }

  private static void putIfSet(Map<String, Object> root, String value, String... path) {
    if (value != null && !value.isEmpty()) {
      put(root, value, path);
    }
  }

  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> root, Object value, String... path) {
    Map<String, Object> node = root;
    for (int i = 0; i < path.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
    }
    node.put(path[path.length - 1], value);
  }
}
