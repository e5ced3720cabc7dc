package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.DpfStatus;
import io.fabric8.generator.annotation.Default;

/** Observed state of a BFB. Condition types: Ready, Initialized, Downloaded, Error, Deleted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BFBStatus extends DpfStatus {

  @Default("Initializing")
  @JsonPropertyDescription("Phase of the BFB: Initializing, Downloading, Ready, Deleting or Error.")
  private BFBPhase phase;

  @JsonPropertyDescription("FileName is the effective name of the file in the BFB volume.")
  private String fileName;

  @JsonPropertyDescription("Download reports the progress of the current or last download.")
  private BFBDownload download;

  @JsonPropertyDescription("Versions of the software in the BFB.")
  private BFBVersions versions;

  public BFBPhase getPhase() {
    return phase;
  }

  public void setPhase(BFBPhase phase) {
    this.phase = phase;
  }

  public String getFileName() {
    return fileName;
  }

  public void setFileName(String fileName) {
    this.fileName = fileName;
  }

  public BFBDownload getDownload() {
    return download;
  }

  public void setDownload(BFBDownload download) {
    this.download = download;
  }

  public BFBVersions getVersions() {
    return versions;
  }

  public void setVersions(BFBVersions versions) {
    this.versions = versions;
  }
}
