package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Progress of a BFB download (an extension of this implementation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BFBDownload {

  @JsonPropertyDescription("Bytes written so far.")
  private Long bytes;

  @JsonPropertyDescription("Total size announced by the server (Content-Length); absent when unknown.")
  private Long totalBytes;

  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Percent complete, when the total size is known.")
  private Integer percent;

  @JsonPropertyDescription("SHA-256 of the complete file, hex encoded.")
  private String sha256;

  public Long getBytes() {
    return bytes;
  }

  public void setBytes(Long bytes) {
    this.bytes = bytes;
  }

  public Long getTotalBytes() {
    return totalBytes;
  }

  public void setTotalBytes(Long totalBytes) {
    this.totalBytes = totalBytes;
  }

  public Integer getPercent() {
    return percent;
  }

  public void setPercent(Integer percent) {
    this.percent = percent;
  }

  public String getSha256() {
    return sha256;
  }

  public void setSha256(String sha256) {
    this.sha256 = sha256;
  }
}
