package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.DpfStatus;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * Observed state of a DPU. Condition types (v24.10): Initialized, NodeEffectReady, BFBReady, DMSRunning, OSInstalled,
 * Rebooted, HostNetworkReady, Ready.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUStatus extends DpfStatus {

  @Default("Initializing")
  @JsonPropertyDescription("Phase of the DPU (see the DPUPhase strings, e.g. \"OS Installing\").")
  private DPUPhase phase;

  @JsonPropertyDescription("BFBVersion installed on the DPU (declared, not set in v24.10).")
  private String bfbVersion;

  @JsonPropertyDescription("PCIDevice of the DPU (declared, not set in v24.10).")
  private String pciDevice;

  @JsonPropertyDescription("RequiredReset (declared, not set in v24.10).")
  private Boolean requiredReset;

  @JsonPropertyDescription("Firmware versions (declared, not set in v24.10).")
  private DPUFirmware firmware;

  @JsonPropertyDescription("PreviousPhase is the phase before the current one (later DPF releases).")
  private DPUPhase previousPhase;

  @JsonPropertyDescription("Outdated reports drift from the DPUSet template (later DPF releases).")
  private DPUOutdated outdated;

  @JsonPropertyDescription("OperationalConditions report the health of a provisioned DPU; OperationalReady "
      + "summarises them (later DPF releases).")
  private List<Condition> operationalConditions;

  @JsonPropertyDescription("BFBFile is the BFB file used for the installation (later DPF releases).")
  private String bfbFile;

  @JsonProperty("bfCFGFile")
  @JsonPropertyDescription("BFCFGFile is the bf.cfg file used for the installation (later DPF releases).")
  private String bfCFGFile;

  @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
  @JsonPropertyDescription("DPFVersion that provisioned the DPU (later DPF releases). Immutable once set.")
  private String dpfVersion;

  @JsonPropertyDescription("DPUInstallInterface used to install the DPU: gNOI, hostAgent or redfish (later DPF "
      + "releases).")
  private DPUInstallInterface dpuInstallInterface;

  @JsonPropertyDescription("DPUType, e.g. BlueField3 (later DPF releases).")
  private String dpuType;

  @JsonPropertyDescription("DPUMode the DPU runs in (later DPF releases).")
  private DPUMode dpuMode;

  @JsonPropertyDescription("DeploymentMode: zero-trust or host-trusted (later DPF releases).")
  private DeploymentMode deploymentMode;

  @JsonPropertyDescription("Hostless is true for a DPU without a host (later DPF releases).")
  private Boolean hostless;

  @JsonPropertyDescription("SecureBoot reports whether secure boot is enabled (later DPF releases).")
  private Boolean secureBoot;

  @JsonPropertyDescription("IdentityMode: spiffe or bootstrap-token (later DPF releases).")
  private IdentityMode identityMode;

  @JsonPropertyDescription("RedfishTaskID of the running Redfish task (later DPF releases).")
  private String redfishTaskId;

  @JsonPropertyDescription("Installation reports the progress of the OS installation through DMS, step by step, so "
      + "that a restarted controller resumes it (an extension of this implementation).")
  private DPUInstallation installation;

  @JsonPropertyDescription("HostReboot records the host reboot command issued after the installation (an extension "
      + "of this implementation).")
  private DPUHostReboot hostReboot;

  public DPUPhase getPhase() {
    return phase;
  }

  public void setPhase(DPUPhase phase) {
    this.phase = phase;
  }

  public String getBfbVersion() {
    return bfbVersion;
  }

  public void setBfbVersion(String bfbVersion) {
    this.bfbVersion = bfbVersion;
  }

  public String getPciDevice() {
    return pciDevice;
  }

  public void setPciDevice(String pciDevice) {
    this.pciDevice = pciDevice;
  }

  public Boolean getRequiredReset() {
    return requiredReset;
  }

  public void setRequiredReset(Boolean requiredReset) {
    this.requiredReset = requiredReset;
  }

  public DPUFirmware getFirmware() {
    return firmware;
  }

  public void setFirmware(DPUFirmware firmware) {
    this.firmware = firmware;
  }

  public DPUPhase getPreviousPhase() {
    return previousPhase;
  }

  public void setPreviousPhase(DPUPhase previousPhase) {
    this.previousPhase = previousPhase;
  }

  public DPUOutdated getOutdated() {
    return outdated;
  }

  public void setOutdated(DPUOutdated outdated) {
    this.outdated = outdated;
  }

  public List<Condition> getOperationalConditions() {
    return operationalConditions;
  }

  public void setOperationalConditions(List<Condition> operationalConditions) {
    this.operationalConditions = operationalConditions;
  }

  public String getBfbFile() {
    return bfbFile;
  }

  public void setBfbFile(String bfbFile) {
    this.bfbFile = bfbFile;
  }

  public String getBfCFGFile() {
    return bfCFGFile;
  }

  public void setBfCFGFile(String bfCFGFile) {
    this.bfCFGFile = bfCFGFile;
  }

  public String getDpfVersion() {
    return dpfVersion;
  }

  public void setDpfVersion(String dpfVersion) {
    this.dpfVersion = dpfVersion;
  }

  public DPUInstallInterface getDpuInstallInterface() {
    return dpuInstallInterface;
  }

  public void setDpuInstallInterface(DPUInstallInterface dpuInstallInterface) {
    this.dpuInstallInterface = dpuInstallInterface;
  }

  public String getDpuType() {
    return dpuType;
  }

  public void setDpuType(String dpuType) {
    this.dpuType = dpuType;
  }

  public DPUMode getDpuMode() {
    return dpuMode;
  }

  public void setDpuMode(DPUMode dpuMode) {
    this.dpuMode = dpuMode;
  }

  public DeploymentMode getDeploymentMode() {
    return deploymentMode;
  }

  public void setDeploymentMode(DeploymentMode deploymentMode) {
    this.deploymentMode = deploymentMode;
  }

  public Boolean getHostless() {
    return hostless;
  }

  public void setHostless(Boolean hostless) {
    this.hostless = hostless;
  }

  public Boolean getSecureBoot() {
    return secureBoot;
  }

  public void setSecureBoot(Boolean secureBoot) {
    this.secureBoot = secureBoot;
  }

  public IdentityMode getIdentityMode() {
    return identityMode;
  }

  public void setIdentityMode(IdentityMode identityMode) {
    this.identityMode = identityMode;
  }

  public String getRedfishTaskId() {
    return redfishTaskId;
  }

  public void setRedfishTaskId(String redfishTaskId) {
    this.redfishTaskId = redfishTaskId;
  }

  public DPUInstallation getInstallation() {
    return installation;
  }

  public void setInstallation(DPUInstallation installation) {
    this.installation = installation;
  }

  public DPUHostReboot getHostReboot() {
    return hostReboot;
  }

  public void setHostReboot(DPUHostReboot hostReboot) {
    this.hostReboot = hostReboot;
  }
}
