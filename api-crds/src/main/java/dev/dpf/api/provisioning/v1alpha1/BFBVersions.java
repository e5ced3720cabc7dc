package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Versions of the components inside a BFB (later DPF releases). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BFBVersions {

  @Required
  @JsonPropertyDescription("BSP version.")
  private String bsp;

  @Required
  @JsonPropertyDescription("DOCA version.")
  private String doca;

  @Required
  @JsonPropertyDescription("UEFI version.")
  private String uefi;

  @Required
  @JsonPropertyDescription("ATF version.")
  private String atf;

  public String getBsp() {
    return bsp;
  }

  public void setBsp(String bsp) {
    this.bsp = bsp;
  }

  public String getDoca() {
    return doca;
  }

  public void setDoca(String doca) {
    this.doca = doca;
  }

  public String getUefi() {
    return uefi;
  }

  public void setUefi(String uefi) {
    this.uefi = uefi;
  }

  public String getAtf() {
    return atf;
  }

  public void setAtf(String atf) {
    this.atf = atf;
  }
}
