package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Min;

/**
 * Progress of the OS installation of a DPU through DMS (an extension of this implementation): which steps are done,
 * so that a restarted controller resumes without flashing twice.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUInstallation {

  @Min(1)
  @JsonPropertyDescription("Attempt is the number of the current installation attempt, starting at 1. A failed attempt "
      + "is retried with back-off up to the controller's limit.")
  private Integer attempt;

  @JsonPropertyDescription("Step the installation is at.")
  private DPUInstallStep step;

  @JsonPropertyDescription("BFBVersion is the OS.Install version of the BFB (the BFB file name).")
  private String bfbVersion;

  @JsonProperty("bfCFGVersion")
  @JsonPropertyDescription("BFCFGVersion is the OS.Install version of the bf.cfg (<dpu name>.cfg).")
  private String bfCFGVersion;

  @Min(0)
  @JsonPropertyDescription("BytesSent is how much of the BFB DMS acknowledged so far.")
  private Long bytesSent;

  @Min(0)
  @JsonPropertyDescription("TotalBytes is the size of the BFB.")
  private Long totalBytes;

  @JsonPropertyDescription("BFBTransferred is true once DMS holds the BFB (transferred now or already present).")
  private Boolean bfbTransferred;

  @JsonProperty("bfCFGTransferred")
  @JsonPropertyDescription("BFCFGTransferred is true once DMS holds the generated bf.cfg.")
  private Boolean bfCFGTransferred;

  @JsonPropertyDescription("PreviousVersion is the version DMS reported running (OS.Verify) before the activation.")
  private String previousVersion;

  @JsonPropertyDescription("ActivationRequestedAt is when the controller decided to activate, recorded before "
      + "OS.Activate is sent (RFC 3339).")
  private String activationRequestedAt;

  @JsonPropertyDescription("Activated is true once DMS accepted OS.Activate for this installation; it is never sent "
      + "again for it.")
  private Boolean activated;

  @JsonPropertyDescription("InstalledAt is when DMS reported the DPU booted the new image (RebootStatus "
      + "STATUS_SUCCESS, RFC 3339).")
  private String installedAt;

  @JsonPropertyDescription("LastError is the error of the last failed attempt.")
  private String lastError;

  @JsonPropertyDescription("LastErrorAt is when the last attempt failed (RFC 3339).")
  private String lastErrorAt;

  public Integer getAttempt() {
    return attempt;
  }

  public void setAttempt(Integer attempt) {
    this.attempt = attempt;
  }

  public DPUInstallStep getStep() {
    return step;
  }

  public void setStep(DPUInstallStep step) {
    this.step = step;
  }

  public String getBfbVersion() {
    return bfbVersion;
  }

  public void setBfbVersion(String bfbVersion) {
    this.bfbVersion = bfbVersion;
  }

  public String getBfCFGVersion() {
    return bfCFGVersion;
  }

  public void setBfCFGVersion(String bfCFGVersion) {
    this.bfCFGVersion = bfCFGVersion;
  }

  public Long getBytesSent() {
    return bytesSent;
  }

  public void setBytesSent(Long bytesSent) {
    this.bytesSent = bytesSent;
  }

  public Long getTotalBytes() {
    return totalBytes;
  }

  public void setTotalBytes(Long totalBytes) {
    this.totalBytes = totalBytes;
  }

  public Boolean getBfbTransferred() {
    return bfbTransferred;
  }

  public void setBfbTransferred(Boolean bfbTransferred) {
    this.bfbTransferred = bfbTransferred;
  }

  public Boolean getBfCFGTransferred() {
    return bfCFGTransferred;
  }

  public void setBfCFGTransferred(Boolean bfCFGTransferred) {
    this.bfCFGTransferred = bfCFGTransferred;
  }

  public String getPreviousVersion() {
    return previousVersion;
  }

  public void setPreviousVersion(String previousVersion) {
    this.previousVersion = previousVersion;
  }

  public String getActivationRequestedAt() {
    return activationRequestedAt;
  }

  public void setActivationRequestedAt(String activationRequestedAt) {
    this.activationRequestedAt = activationRequestedAt;
  }

  public Boolean getActivated() {
    return activated;
  }

  public void setActivated(Boolean activated) {
    this.activated = activated;
  }

  public String getInstalledAt() {
    return installedAt;
  }

  public void setInstalledAt(String installedAt) {
    this.installedAt = installedAt;
  }

  public String getLastError() {
    return lastError;
  }

  public void setLastError(String lastError) {
    this.lastError = lastError;
  }

  public String getLastErrorAt() {
    return lastErrorAt;
  }

  public void setLastErrorAt(String lastErrorAt) {
    this.lastErrorAt = lastErrorAt;
  }
}
