package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Firmware (mlxconfig) parameters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUFlavorNVConfig {

  @JsonPropertyDescription("Device selects the devices; only \"*\" (all devices) is supported.")
  private String device;

  @JsonPropertyDescription("Parameters are KEY=VALUE strings applied with mlxconfig set to every device of the DPU. "
      + "NUM_OF_VFS and PF_TOTAL_SF are also read by the controller.")
  private List<String> parameters;

  @JsonPropertyDescription("HostPowerCycleRequired is declared but unused (upstream v24.10; deprecated in v25.10).")
  private Boolean hostPowerCycleRequired;

  public String getDevice() {
    return device;
  }

  public void setDevice(String device) {
    this.device = device;
  }

  public List<String> getParameters() {
    return parameters;
  }

  public void setParameters(List<String> parameters) {
    this.parameters = parameters;
  }

  public Boolean getHostPowerCycleRequired() {
    return hostPowerCycleRequired;
  }

  public void setHostPowerCycleRequired(Boolean hostPowerCycleRequired) {
    this.hostPowerCycleRequired = hostPowerCycleRequired;
  }
}
