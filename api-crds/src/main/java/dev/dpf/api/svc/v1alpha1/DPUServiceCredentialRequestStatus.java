package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.DpfStatus;

/** Observed state of a DPUServiceCredentialRequest. Condition types: see {@link DPUServiceCredentialRequest#CONDITIONS}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceCredentialRequestStatus extends DpfStatus {

  @JsonPropertyDescription("ServiceAccount last created, as <namespace>/<name>.")
  private String serviceAccount;

  @JsonPropertyDescription("TargetCluster used, as <namespace>/<name> of the DPUCluster (absent for the host "
      + "cluster).")
  private String targetCluster;

  @JsonProperty("targetClusterUID")
  @JsonPropertyDescription("TargetClusterUID is the UID of that DPUCluster; a different UID forces a new token "
      + "(latest DPF releases).")
  private String targetClusterUID;

  @JsonPropertyDescription("ExpirationTimestamp of the current token (RFC 3339).")
  private String expirationTimestamp;

  @JsonPropertyDescription("IssuedAt of the current token: expirationTimestamp minus the requested lifetime "
      + "(RFC 3339).")
  private String issuedAt;

  @JsonPropertyDescription("Secret last written, as <namespace>/<name>.")
  private String secret;

  public String getServiceAccount() {
    return serviceAccount;
  }

  public void setServiceAccount(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }

  public String getTargetCluster() {
    return targetCluster;
  }

  public void setTargetCluster(String targetCluster) {
    this.targetCluster = targetCluster;
  }

  @JsonProperty("targetClusterUID")
  public String getTargetClusterUID() {
    return targetClusterUID;
  }

  @JsonProperty("targetClusterUID")
  public void setTargetClusterUID(String targetClusterUID) {
    this.targetClusterUID = targetClusterUID;
  }

  public String getExpirationTimestamp() {
    return expirationTimestamp;
  }

  public void setExpirationTimestamp(String expirationTimestamp) {
    this.expirationTimestamp = expirationTimestamp;
  }

  public String getIssuedAt() {
    return issuedAt;
  }

  public void setIssuedAt(String issuedAt) {
    this.issuedAt = issuedAt;
  }

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }
}
