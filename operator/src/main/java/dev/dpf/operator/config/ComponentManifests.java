package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigSpec;
import dev.dpf.api.operator.v1alpha1.ImageComponentConfiguration;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.api.operator.v1alpha1.Overrides;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each component of the inventory (reference §4.2) becomes here. Pure.
 *
 * <ul>
 *   <li>DPU-side components: one DPUService each ({@link SystemDpuServices});</li>
 *   <li>{@code provisioning-controller}: runs in the operator process; its host-side part on the nodes is the node
 *       agent DaemonSet ({@link HostAgent});</li>
 *   <li>{@code dpuservice-controller}, {@code kamaji-cluster-manager}, {@code static-cluster-manager}: run in the
 *       operator process, switched through the run-time settings; no objects;</li>
 *   <li>{@code dpudetector}: not part of this implementation; no objects.</li>
 * </ul>
 * A disabled component has no objects, so the ApplySet pruning removes whatever it had.
 */
public final class ComponentManifests {

  /** Components that run inside the operator process (switched on and off at run time). */
  public static final List<String> IN_PROCESS = List.of(OperatorLabels.PROVISIONING_CONTROLLER,
      OperatorLabels.DPUSERVICE_CONTROLLER, OperatorLabels.KAMAJI_CLUSTER_MANAGER,
      OperatorLabels.STATIC_CLUSTER_MANAGER);

  private ComponentManifests() {}

  /**
   * The desired objects of a component (without ApplySet labels and owner references).
   *
   * @throws IllegalArgumentException when the configuration cannot be rendered (bad chart string or image)
   */
  public static List<HasMetadata> desired(String component, Variables v, OperatorConfigOptions options) {
    if (!v.enabled(component)) {
      return List.of();
    }
    if (OperatorLabels.DPUSERVICE_COMPONENTS.contains(component)) {
      return List.of(SystemDpuServices.build(component, v));
    }
    if (OperatorLabels.PROVISIONING_CONTROLLER.equals(component)) {
      return List.of(HostAgent.build(v.namespace(), options.release().agentImage(), v.imagePullSecrets(),
          options.agentServiceAccount(), options.agentHealthPort()));
    }
    return List.of();
  }

  /**
   * A problem with the provisioning controller's settings that the operator cannot fix itself: the BFB volume of the
   * operator process (chart value {@code bfb.pvcName}) and {@code spec.provisioningController.bfbPVCName} differ, so
   * the BFB files and the DMS pods would use different volumes.
   */
  public static Optional<String> bfbVolumeMismatch(Variables v, OperatorConfigOptions options) {
    String running = options.bfbPvcName();
    String wanted = v.settings().bfbPvcName();
    if (running == null || !v.enabled(OperatorLabels.PROVISIONING_CONTROLLER)) {
      return Optional.empty();
    }
    if (running.equals(wanted == null ? "" : wanted)) {
      return Optional.empty();
    }
    String config = wanted == null || wanted.isEmpty() ? "spec.provisioningController.bfbPVCName is not set"
        : "spec.provisioningController.bfbPVCName is \"" + wanted + "\"";
    String operator = running.isEmpty() ? "the operator's BFB volume is an emptyDir (chart value bfb.pvcName is empty)"
        : "the operator runs with the BFB volume claim \"" + running + "\" (chart value bfb.pvcName)";
    return Optional.of(config + " but " + operator + ": BFB files and DMS pods would use different volumes; make "
        + "them equal");
  }

  /** Fields that are set but have no effect in this implementation, one sentence each (reported as an event). */
  public static List<String> ignoredFields(DPFOperatorConfigSpec spec) {
    List<String> out = new ArrayList<>();
    if (spec == null) {
      return out;
    }
    Map<String, ImageComponentConfiguration> inProcess = new java.util.LinkedHashMap<>();
    inProcess.put("provisioningController", spec.getProvisioningController());
    inProcess.put("dpuServiceController", spec.getDpuServiceController());
    inProcess.put("kamajiClusterManager", spec.getKamajiClusterManager());
    inProcess.put("staticClusterManager", spec.getStaticClusterManager());
    inProcess.forEach((field, c) -> {
      if (c != null && c.getImage() != null && !c.getImage().isEmpty()) {
        out.add("spec." + field + ".image has no effect: the component runs inside the operator process");
      }
    });
    if (spec.getDpuDetector() != null) {
      out.add("spec.dpuDetector has no effect: there is no DPU detector; DPU hosts need the Node label "
          + HostAgent.NODE_SELECTOR_KEY + "=true (NFD rule or by hand)");
    }
    if (spec.getDeploymentMode() != null) {
      out.add("spec.deploymentMode has no effect: only the v24.10 provisioning flow is implemented");
    }
    if (spec.getCniInstaller() != null) {
      out.add("spec.cniInstaller has no effect: the CNI is deployed as ovs-cni (spec.ovsCNI)");
    }
    Overrides o = spec.getOverrides();
    if (o != null) {
      if (o.getDpuCNIBinPath() != null || o.getDpuCNIPath() != null) {
        out.add("spec.overrides.dpuCNIBinPath/dpuCNIPath have no effect: the v24.10 CNI charts use their own paths");
      }
      if (o.getDpuOpenvSwitchBinPath() != null || o.getDpuOpenvSwitchSystemSharedPath() != null
          || o.getDpuOpenvSwitchSystemSharedLib64Path() != null || o.getDpuLinkerCachePath() != null
          || o.getDpuOptLibraryPath() != null) {
        out.add("spec.overrides OVS binary/library paths have no effect: the node agent image carries its own OVS "
            + "tools");
      }
    }
    return out;
  }
}
