package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Firmware versions of a DPU (declared in v24.10, not set by its controller). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUFirmware {

  @JsonPropertyDescription("BMC firmware version.")
  private String bmc;

  @JsonPropertyDescription("NIC firmware version.")
  private String nic;

  @JsonPropertyDescription("UEFI firmware version.")
  private String uefi;

  public String getBmc() {
    return bmc;
  }

  public void setBmc(String bmc) {
    this.bmc = bmc;
  }

  public String getNic() {
    return nic;
  }

  public void setNic(String nic) {
    this.nic = nic;
  }

  public String getUefi() {
    return uefi;
  }

  public void setUefi(String uefi) {
    this.uefi = uefi;
  }
}
