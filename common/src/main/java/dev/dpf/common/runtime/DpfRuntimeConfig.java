package dev.dpf.common.runtime;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigSpec;
import dev.dpf.api.operator.v1alpha1.ComponentConfiguration;
import dev.dpf.api.operator.v1alpha1.ImageComponentConfiguration;
import dev.dpf.api.operator.v1alpha1.Networking;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable snapshot of the run-time settings the DPFOperatorConfig gives the controllers that run inside the
 * operator process (upstream passes them as flags of separate Deployments, reference servicechain-operator §4.6/§4.7
 * and provisioning §1.4). Published by the DPFOperatorConfig controller through {@link RuntimeSettings}; read by
 * any controller with {@code OperatorContext#runtimeSettings().current()}.
 *
 * @param source {@code <namespace>/<name>} of the DPFOperatorConfig the snapshot was taken from, or null while no
 *     DPFOperatorConfig has been reconciled (then every value is the default)
 * @param disabledComponents component names (the {@code dpu.nvidia.com/component} values) that are switched off
 * @param imageOverrides {@code spec.<component>.image} per component name, where set
 * @param bfbPvcName {@code spec.provisioningController.bfbPVCName}, or null
 * @param dmsTimeoutSeconds {@code spec.provisioningController.dmsTimeout}, or null (DMS default 900 s)
 * @param imagePullSecrets {@code spec.imagePullSecrets} (Secret names in the operator namespace)
 * @param controlPlaneMtu {@code spec.networking.controlPlaneMTU} (default 1500)
 * @param highSpeedMtu {@code spec.networking.highSpeedMTU} (default 1500)
 * @param dpuReadyTaintsDisabled {@code spec.dpuServiceController.disableDPUReadyTaints}
 * @param argoCdNamespace {@code spec.overrides.argoCDNamespace}, else the DPFOperatorConfig's namespace; null
 *     without a config
 */
public record DpfRuntimeConfig(
    String source,
    Set<String> disabledComponents,
    Map<String, String> imageOverrides,
    String bfbPvcName,
    Integer dmsTimeoutSeconds,
    List<String> imagePullSecrets,
    int controlPlaneMtu,
    int highSpeedMtu,
    boolean dpuReadyTaintsDisabled,
    String argoCdNamespace) {

  /** Components that are off unless the DPFOperatorConfig enables them. */
  public static final Set<String> DISABLED_BY_DEFAULT = Set.of(OperatorLabels.STATIC_CLUSTER_MANAGER);

  public DpfRuntimeConfig {
    disabledComponents = Set.copyOf(disabledComponents);
    imageOverrides = Map.copyOf(imageOverrides);
    imagePullSecrets = List.copyOf(imagePullSecrets);
  }

  /** The defaults: what the controllers do before (or without) a DPFOperatorConfig. */
  public static DpfRuntimeConfig defaults() {
    return new DpfRuntimeConfig(null, DISABLED_BY_DEFAULT, Map.of(), null, null, List.of(), Networking.DEFAULT_MTU,
        Networking.DEFAULT_MTU, false, null);
  }

  /** The snapshot of a DPFOperatorConfig's spec (reference §4.6: a present sub-object with disable=true is off). */
  public static DpfRuntimeConfig of(DPFOperatorConfig config) {
    DPFOperatorConfigSpec spec = config.getSpec() == null ? new DPFOperatorConfigSpec() : config.getSpec();
    Map<String, ComponentConfiguration> components = components(spec);
    Set<String> disabled = new TreeSet<>();
    Map<String, String> images = new LinkedHashMap<>();
    for (String name : OperatorLabels.COMPONENTS) {
      ComponentConfiguration c = components.get(name);
      boolean off = c == null ? DISABLED_BY_DEFAULT.contains(name) : c.disabled();
      if (off) {
        disabled.add(name);
      }
      if (c instanceof ImageComponentConfiguration i && i.getImage() != null && !i.getImage().isEmpty()) {
        images.put(name, i.getImage());
      }
    }
    Networking networking = spec.getNetworking();
    int controlPlane = networking == null || networking.getControlPlaneMTU() == null ? Networking.DEFAULT_MTU
        : networking.getControlPlaneMTU();
    int highSpeed = networking == null || networking.getHighSpeedMTU() == null ? Networking.DEFAULT_MTU
        : networking.getHighSpeedMTU();
    var provisioning = spec.getProvisioningController();
    boolean noTaints = spec.getDpuServiceController() != null
        && Boolean.TRUE.equals(spec.getDpuServiceController().getDisableDPUReadyTaints());
    String argo = spec.getOverrides() != null && spec.getOverrides().getArgoCDNamespace() != null
        ? spec.getOverrides().getArgoCDNamespace() : config.getMetadata().getNamespace();
    return new DpfRuntimeConfig(config.getMetadata().getNamespace() + "/" + config.getMetadata().getName(), disabled,
        images, provisioning == null ? null : provisioning.getBfbPVCName(),
        provisioning == null ? null : provisioning.getDmsTimeout(),
        spec.getImagePullSecrets() == null ? List.of() : spec.getImagePullSecrets(), controlPlane, highSpeed,
        noTaints, argo);
  }

  /** The component sub-objects of a spec by component name (absent ones are missing from the map). */
  public static Map<String, ComponentConfiguration> components(DPFOperatorConfigSpec spec) {
    Map<String, ComponentConfiguration> m = new LinkedHashMap<>();
    put(m, OperatorLabels.PROVISIONING_CONTROLLER, spec.getProvisioningController());
    put(m, OperatorLabels.DPUSERVICE_CONTROLLER, spec.getDpuServiceController());
    put(m, OperatorLabels.SERVICECHAINSET_CONTROLLER, spec.getServiceSetController());
    put(m, OperatorLabels.DPUDETECTOR, spec.getDpuDetector());
    put(m, OperatorLabels.FLANNEL, spec.getFlannel());
    put(m, OperatorLabels.MULTUS, spec.getMultus());
    put(m, OperatorLabels.SRIOV_DEVICE_PLUGIN, spec.getSriovDevicePlugin());
    put(m, OperatorLabels.OVS_CNI, spec.getOvsCNI());
    put(m, OperatorLabels.NVIDIA_K8S_IPAM, spec.getNvipam());
    put(m, OperatorLabels.SFC_CONTROLLER, spec.getSfcController());
    put(m, OperatorLabels.KAMAJI_CLUSTER_MANAGER, spec.getKamajiClusterManager());
    put(m, OperatorLabels.STATIC_CLUSTER_MANAGER, spec.getStaticClusterManager());
    put(m, OperatorLabels.OVS_HELPER, spec.getOvsHelper());
    return m;
  }

  private static void put(Map<String, ComponentConfiguration> m, String name, ComponentConfiguration c) {
    if (c != null) {
      m.put(name, c);
    }
  }

  /** Whether the snapshot comes from a DPFOperatorConfig (false: defaults, no config reconciled yet). */
  public boolean known() {
    return source != null;
  }

  /** Whether a component (a {@link OperatorLabels} component name) is switched on. */
  public boolean enabled(String component) {
    return !disabledComponents.contains(component);
  }

  public boolean provisioningControllerEnabled() {
    return enabled(OperatorLabels.PROVISIONING_CONTROLLER);
  }

  public boolean dpuServiceControllerEnabled() {
    return enabled(OperatorLabels.DPUSERVICE_CONTROLLER);
  }

  /** The static cluster manager: off unless {@code spec.staticClusterManager} is present and not disabled. */
  public boolean staticClusterManagerEnabled() {
    return enabled(OperatorLabels.STATIC_CLUSTER_MANAGER);
  }

  /** The Kamaji cluster manager: on unless {@code spec.kamajiClusterManager.disable} is true. */
  public boolean kamajiClusterManagerEnabled() {
    return enabled(OperatorLabels.KAMAJI_CLUSTER_MANAGER);
  }

  public Optional<String> imageOverride(String component) {
    return Optional.ofNullable(imageOverrides.get(component));
  }

  /** Names the source in messages, e.g. {@code DPFOperatorConfig dpf-operator-system/dpfoperatorconfig}. */
  public String describe() {
    return source == null ? "the default settings (no DPFOperatorConfig reconciled)" : "DPFOperatorConfig " + source;
  }
}
