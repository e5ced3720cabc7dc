package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Desired state of the DPF system: which components run, image/chart overrides, MTUs, pull secrets. Every
 * component sub-object is optional and enabled by default, except {@code staticClusterManager} (disabled unless
 * present).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.deploymentMode) || self.deploymentMode != 'zero-trust' || !has(self.networking)"
    + " || !has(self.networking.controlPlaneMTU) || self.networking.controlPlaneMTU <= 1500",
    message = "controlPlaneMTU must not exceed 1500 in zero-trust mode because DPU OOB interfaces do not support "
        + "jumbo frames", fieldPath = ".networking.controlPlaneMTU")
@ValidationRule(value = "!has(self.deploymentMode) || self.deploymentMode == 'host-trusted' || !has(self.networking)"
    + " || !has(self.networking.dpuNodeOOBBridgeName) || self.networking.dpuNodeOOBBridgeName == 'br-dpu'",
    message = "dpuNodeOOBBridgeName is only configurable in host-trusted mode",
    fieldPath = ".networking.dpuNodeOOBBridgeName")
public class DPFOperatorConfigSpec {

  @JsonPropertyDescription("Overrides are advanced knobs without stability guarantees.")
  private Overrides overrides;

  @Default("{\"controlPlaneMTU\": 1500}")
  @JsonPropertyDescription("Networking holds the MTUs of the system networks.")
  private Networking networking;

  @JsonPropertyDescription("ImagePullSecrets are Secret names in the operator namespace used to pull the images of "
      + "system components and DPUServices, and mirrored to DPU clusters. Reconciliation waits until they exist.")
  private List<String> imagePullSecrets;

  @JsonPropertyDescription("DeploymentMode is zero-trust or host-trusted (later releases, where it is required; "
      + "optional here, unset behaves as in v24.10).")
  private DeploymentMode deploymentMode;

  @Required
  @JsonPropertyDescription("ProvisioningController configures the provisioning controller (host Deployment).")
  private ProvisioningControllerConfiguration provisioningController;

  @JsonPropertyDescription("DPUServiceController configures the DPUService controller (host Deployment).")
  private DPUServiceControllerConfiguration dpuServiceController;

  @JsonPropertyDescription("ServiceSetController configures the servicechainset-controller (DPUService).")
  private HelmComponentConfiguration serviceSetController;

  @JsonPropertyDescription("DPUDetector configures the DPU detector (host DaemonSet).")
  private DPUDetectorConfiguration dpuDetector;

  @JsonPropertyDescription("Multus configures multus (DPUService).")
  private HelmComponentConfiguration multus;

  @JsonPropertyDescription("SRIOVDevicePlugin configures the SR-IOV device plugin (DPUService).")
  private HelmComponentConfiguration sriovDevicePlugin;

  @JsonPropertyDescription("Flannel configures flannel (DPUService).")
  private FlannelConfiguration flannel;

  @JsonProperty("ovsCNI")
  @JsonPropertyDescription("OVSCNI configures the OVS CNI (DPUService; deprecated later in favour of cniInstaller).")
  private HelmComponentConfiguration ovsCNI;

  @JsonPropertyDescription("NVIPAM configures nvidia-k8s-ipam (DPUService).")
  private HelmComponentConfiguration nvipam;

  @JsonPropertyDescription("CNIInstaller configures the cni-installer that replaces ovs-cni (later releases; shape "
      + "of this object unverified).")
  private HelmComponentConfiguration cniInstaller;

  @JsonPropertyDescription("SFCController configures the sfc-controller node agent (DPUService).")
  private HelmComponentConfiguration sfcController;

  @JsonPropertyDescription("KamajiClusterManager configures the Kamaji cluster manager (host Deployment).")
  private ImageComponentConfiguration kamajiClusterManager;

  @JsonPropertyDescription("StaticClusterManager configures the static cluster manager (host Deployment); "
      + "disabled unless present (an empty object enables it).")
  private ImageComponentConfiguration staticClusterManager;

  @JsonPropertyDescription("OVSHelper configures ovs-helper (DPUService; removed in later releases).")
  private HelmComponentConfiguration ovsHelper;

  public Overrides getOverrides() {
    return overrides;
  }

  public void setOverrides(Overrides overrides) {
    this.overrides = overrides;
  }

  public Networking getNetworking() {
    return networking;
  }

  public void setNetworking(Networking networking) {
    this.networking = networking;
  }

  public List<String> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<String> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public DeploymentMode getDeploymentMode() {
    return deploymentMode;
  }

  public void setDeploymentMode(DeploymentMode deploymentMode) {
    this.deploymentMode = deploymentMode;
  }

  public ProvisioningControllerConfiguration getProvisioningController() {
    return provisioningController;
  }

  public void setProvisioningController(ProvisioningControllerConfiguration provisioningController) {
    this.provisioningController = provisioningController;
  }

  public DPUServiceControllerConfiguration getDpuServiceController() {
    return dpuServiceController;
  }

  public void setDpuServiceController(DPUServiceControllerConfiguration dpuServiceController) {
    this.dpuServiceController = dpuServiceController;
  }

  public HelmComponentConfiguration getServiceSetController() {
    return serviceSetController;
  }

  public void setServiceSetController(HelmComponentConfiguration serviceSetController) {
    this.serviceSetController = serviceSetController;
  }

  public DPUDetectorConfiguration getDpuDetector() {
    return dpuDetector;
  }

  public void setDpuDetector(DPUDetectorConfiguration dpuDetector) {
    this.dpuDetector = dpuDetector;
  }

  public HelmComponentConfiguration getMultus() {
    return multus;
  }

  public void setMultus(HelmComponentConfiguration multus) {
    this.multus = multus;
  }

  public HelmComponentConfiguration getSriovDevicePlugin() {
    return sriovDevicePlugin;
  }

  public void setSriovDevicePlugin(HelmComponentConfiguration sriovDevicePlugin) {
    this.sriovDevicePlugin = sriovDevicePlugin;
  }

  public FlannelConfiguration getFlannel() {
    return flannel;
  }

  public void setFlannel(FlannelConfiguration flannel) {
    this.flannel = flannel;
  }

  public HelmComponentConfiguration getOvsCNI() {
    return ovsCNI;
  }

  public void setOvsCNI(HelmComponentConfiguration ovsCNI) {
    this.ovsCNI = ovsCNI;
  }

  public HelmComponentConfiguration getNvipam() {
    return nvipam;
  }

  public void setNvipam(HelmComponentConfiguration nvipam) {
    this.nvipam = nvipam;
  }

  public HelmComponentConfiguration getCniInstaller() {
    return cniInstaller;
  }

  public void setCniInstaller(HelmComponentConfiguration cniInstaller) {
    this.cniInstaller = cniInstaller;
  }

  public HelmComponentConfiguration getSfcController() {
    return sfcController;
  }

  public void setSfcController(HelmComponentConfiguration sfcController) {
    this.sfcController = sfcController;
  }

  public ImageComponentConfiguration getKamajiClusterManager() {
    return kamajiClusterManager;
  }

  public void setKamajiClusterManager(ImageComponentConfiguration kamajiClusterManager) {
    this.kamajiClusterManager = kamajiClusterManager;
  }

  public ImageComponentConfiguration getStaticClusterManager() {
    return staticClusterManager;
  }

  public void setStaticClusterManager(ImageComponentConfiguration staticClusterManager) {
    this.staticClusterManager = staticClusterManager;
  }

  public HelmComponentConfiguration getOvsHelper() {
    return ovsHelper;
  }

  public void setOvsHelper(HelmComponentConfiguration ovsHelper) {
    this.ovsHelper = ovsHelper;
  }
}
