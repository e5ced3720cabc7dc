package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** containerd configuration of the DPU. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerdConfig {

  @JsonPropertyDescription("RegistryEndpoint, if set, becomes the mirror of nvcr.io in the DPU's containerd "
      + "configuration (TLS verification for nvcr.io is then skipped).")
  private String registryEndpoint;

  public String getRegistryEndpoint() {
    return registryEndpoint;
  }

  public void setRegistryEndpoint(String registryEndpoint) {
    this.registryEndpoint = registryEndpoint;
  }
}
