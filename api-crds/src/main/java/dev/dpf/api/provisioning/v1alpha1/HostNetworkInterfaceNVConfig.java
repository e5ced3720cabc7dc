package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Per-port firmware parameters of a host network interface (later DPF releases; structure unverified). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HostNetworkInterfaceNVConfig {

  @JsonPropertyDescription("Parameters are KEY=VALUE mlxconfig parameters for this port.")
  private List<String> parameters;

  public List<String> getParameters() {
    return parameters;
  }

  public void setParameters(List<String> parameters) {
    this.parameters = parameters;
  }
}
