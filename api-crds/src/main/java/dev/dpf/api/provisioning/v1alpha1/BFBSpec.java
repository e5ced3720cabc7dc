package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Where to download a BFB from and what to call it. The whole spec is immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "Value is immutable")
public class BFBSpec {

  @Required
  @Pattern("^(http|https)://.+\\.bfb$")
  @JsonPropertyDescription("URL is the http(s) address of the BFB image; it must end in .bfb.")
  private String url;

  @Pattern("^[A-Za-z0-9\\_\\-\\.]+\\.bfb$")
  @JsonPropertyDescription("FileName is the name of the file in the BFB volume. Defaults to <namespace>-<name>.bfb. "
      + "An existing file with this name is reused without downloading.")
  private String fileName;

  @Pattern("^sha256:[a-f0-9]{64}$")
  @JsonPropertyDescription("Checksum, when set, is verified after the download (format sha256:<64 hex digits>). "
      + "An extension of this implementation; upstream DPF has no checksum.")
  private String checksum;

  @JsonPropertyDescription("Versions of the software in the BFB, when known in advance (later DPF releases). "
      + "When set they are copied to status instead of being read from the file.")
  private BFBVersions versions;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getFileName() {
    return fileName;
  }

  public void setFileName(String fileName) {
    this.fileName = fileName;
  }

  public String getChecksum() {
    return checksum;
  }

  public void setChecksum(String checksum) {
    this.checksum = checksum;
  }

  public BFBVersions getVersions() {
    return versions;
  }

  public void setVersions(BFBVersions versions) {
    this.versions = versions;
  }
}
