package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.TemplateMeta;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Desired state of a DPUServiceCredentialRequest. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceCredentialRequestSpec {

  @Required
  @JsonPropertyDescription("ServiceAccount to create in the target cluster (namespace defaults to \"default\").")
  private NamespacedName serviceAccount;

  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  @JsonPropertyDescription("Duration is the requested token lifetime, e.g. 1h (at least 10m). Absent: the API "
      + "server's default token lifetime.")
  private String duration;

  @JsonPropertyDescription("TargetCluster is the DPUCluster (name/namespace in the host cluster) to create the "
      + "ServiceAccount in. Absent: the host cluster.")
  private NamespacedName targetCluster;

  @Required
  @JsonPropertyDescription("Type of the generated Secret: kubeconfig or tokenFile.")
  private DPUServiceCredentialRequestType type;

  @Required
  @JsonPropertyDescription("Secret to create in the host cluster (namespace defaults to \"default\").")
  private NamespacedName secret;

  @JsonPropertyDescription("Metadata: labels and annotations put on the generated Secret.")
  private TemplateMeta metadata;

  public NamespacedName getServiceAccount() {
    return serviceAccount;
  }

  public void setServiceAccount(NamespacedName serviceAccount) {
    this.serviceAccount = serviceAccount;
  }

  public String getDuration() {
    return duration;
  }

  public void setDuration(String duration) {
    this.duration = duration;
  }

  public NamespacedName getTargetCluster() {
    return targetCluster;
  }

  public void setTargetCluster(NamespacedName targetCluster) {
    this.targetCluster = targetCluster;
  }

  public DPUServiceCredentialRequestType getType() {
    return type;
  }

  public void setType(DPUServiceCredentialRequestType type) {
    this.type = type;
  }

  public NamespacedName getSecret() {
    return secret;
  }

  public void setSecret(NamespacedName secret) {
    this.secret = secret;
  }

  public TemplateMeta getMetadata() {
    return metadata;
  }

  public void setMetadata(TemplateMeta metadata) {
    this.metadata = metadata;
  }
}
