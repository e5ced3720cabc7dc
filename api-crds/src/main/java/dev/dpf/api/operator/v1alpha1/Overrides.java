package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** Advanced knobs; no stability guarantees. All fields but {@code paused} are later-release additions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Overrides {

  @JsonPropertyDescription("Paused stops all reconciliation of the DPFOperatorConfig (no status update either) when "
      + "true.")
  private Boolean paused;

  @JsonPropertyDescription("DPUCNIBinPath is where CNI binaries are installed on DPU nodes. Default /opt/cni/bin.")
  private String dpuCNIBinPath;

  @JsonPropertyDescription("DPUCNIPath is where CNI configuration files are installed on DPU nodes. Default "
      + "/etc/cni/net.d.")
  private String dpuCNIPath;

  @JsonPropertyDescription("DPUOpenvSwitchRunPath is the Open vSwitch run directory on DPU nodes. Default "
      + "/var/run/openvswitch.")
  private String dpuOpenvSwitchRunPath;

  @JsonPropertyDescription("DPUOpenvSwitchBinPath is the Open vSwitch bin directory on DPU nodes. Default /usr/bin/.")
  private String dpuOpenvSwitchBinPath;

  @JsonPropertyDescription("DPUOpenvSwitchSystemSharedPath is the system lib directory used by OVS components on DPU "
      + "nodes. Default /lib.")
  private String dpuOpenvSwitchSystemSharedPath;

  @JsonPropertyDescription("KubernetesAPIServerVIP is the address components use to reach the Kubernetes API server "
      + "when the ClusterIP Service is not usable (required in zero-trust mode).")
  private String kubernetesAPIServerVIP;

  @JsonPropertyDescription("KubernetesAPIServerPort is the port that goes with kubernetesAPIServerVIP.")
  private Integer kubernetesAPIServerPort;

  @JsonPropertyDescription("FlannelSkipCNIConfigInstallation makes flannel skip installing its CNI configuration. "
      + "Unset means true.")
  private Boolean flannelSkipCNIConfigInstallation;

  @Size(min = 1)
  @JsonPropertyDescription("DPUOpenvSwitchSystemSharedLib64Path is the system lib64 directory used by OVS components "
      + "on DPU nodes; not mounted when unset.")
  private String dpuOpenvSwitchSystemSharedLib64Path;

  @Size(min = 1)
  @JsonPropertyDescription("DPULinkerCachePath is the dynamic-linker cache file on DPU nodes mounted into the SFC "
      + "controller; not mounted when unset.")
  private String dpuLinkerCachePath;

  @Size(min = 1)
  @JsonPropertyDescription("DPUOptLibraryPath is an additional library directory on DPU nodes mounted into the SFC "
      + "controller; not mounted when unset.")
  private String dpuOptLibraryPath;

  @Size(min = 1, max = 63)
  @JsonPropertyDescription("ArgoCDNamespace is the namespace of Argo CD. Defaults to the DPFOperatorConfig's "
      + "namespace.")
  private String argoCDNamespace;

  /** Whether reconciliation is paused. */
  public boolean paused() {
    return Boolean.TRUE.equals(paused);
  }

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }

  public String getDpuCNIBinPath() {
    return dpuCNIBinPath;
  }

  public void setDpuCNIBinPath(String dpuCNIBinPath) {
    this.dpuCNIBinPath = dpuCNIBinPath;
  }

  public String getDpuCNIPath() {
    return dpuCNIPath;
  }

  public void setDpuCNIPath(String dpuCNIPath) {
    this.dpuCNIPath = dpuCNIPath;
  }

  public String getDpuOpenvSwitchRunPath() {
    return dpuOpenvSwitchRunPath;
  }

  public void setDpuOpenvSwitchRunPath(String dpuOpenvSwitchRunPath) {
    this.dpuOpenvSwitchRunPath = dpuOpenvSwitchRunPath;
  }

  public String getDpuOpenvSwitchBinPath() {
    return dpuOpenvSwitchBinPath;
  }

  public void setDpuOpenvSwitchBinPath(String dpuOpenvSwitchBinPath) {
    this.dpuOpenvSwitchBinPath = dpuOpenvSwitchBinPath;
  }

  public String getDpuOpenvSwitchSystemSharedPath() {
    return dpuOpenvSwitchSystemSharedPath;
  }

  public void setDpuOpenvSwitchSystemSharedPath(String dpuOpenvSwitchSystemSharedPath) {
    this.dpuOpenvSwitchSystemSharedPath = dpuOpenvSwitchSystemSharedPath;
  }

  public String getKubernetesAPIServerVIP() {
    return kubernetesAPIServerVIP;
  }

  public void setKubernetesAPIServerVIP(String kubernetesAPIServerVIP) {
    this.kubernetesAPIServerVIP = kubernetesAPIServerVIP;
  }

  public Integer getKubernetesAPIServerPort() {
    return kubernetesAPIServerPort;
  }

  public void setKubernetesAPIServerPort(Integer kubernetesAPIServerPort) {
    this.kubernetesAPIServerPort = kubernetesAPIServerPort;
  }

  public Boolean getFlannelSkipCNIConfigInstallation() {
    return flannelSkipCNIConfigInstallation;
  }

  public void setFlannelSkipCNIConfigInstallation(Boolean flannelSkipCNIConfigInstallation) {
    this.flannelSkipCNIConfigInstallation = flannelSkipCNIConfigInstallation;
  }

  public String getDpuOpenvSwitchSystemSharedLib64Path() {
    return dpuOpenvSwitchSystemSharedLib64Path;
  }

  public void setDpuOpenvSwitchSystemSharedLib64Path(String dpuOpenvSwitchSystemSharedLib64Path) {
    this.dpuOpenvSwitchSystemSharedLib64Path = dpuOpenvSwitchSystemSharedLib64Path;
  }

  public String getDpuLinkerCachePath() {
    return dpuLinkerCachePath;
  }

  public void setDpuLinkerCachePath(String dpuLinkerCachePath) {
    this.dpuLinkerCachePath = dpuLinkerCachePath;
  }

  public String getDpuOptLibraryPath() {
    return dpuOptLibraryPath;
  }

  public void setDpuOptLibraryPath(String dpuOptLibraryPath) {
    this.dpuOptLibraryPath = dpuOptLibraryPath;
  }

  public String getArgoCDNamespace() {
    return argoCDNamespace;
  }

  public void setArgoCDNamespace(String argoCDNamespace) {
    this.argoCDNamespace = argoCDNamespace;
  }
}
