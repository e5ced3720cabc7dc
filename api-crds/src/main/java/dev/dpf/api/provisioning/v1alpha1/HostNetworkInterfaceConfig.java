package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** Host-side configuration of one DPU port (later DPF releases). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HostNetworkInterfaceConfig {

  @Required
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("PortNumber is the DPU port (0 or 1).")
  private Integer portNumber;

  @Min(1280)
  @Max(9216)
  @JsonPropertyDescription("MTU of the host interface (1280-9216).")
  private Integer mtu;

  @JsonPropertyDescription("DHCP enables DHCP on the host interface.")
  private Boolean dhcp;

  @JsonPropertyDescription("NVConfig holds firmware parameters for this port (structure unverified: parameters only).")
  private HostNetworkInterfaceNVConfig nvconfig;

  public Integer getPortNumber() {
    return portNumber;
  }

  public void setPortNumber(Integer portNumber) {
    this.portNumber = portNumber;
  }

  public Integer getMtu() {
    return mtu;
  }

  public void setMtu(Integer mtu) {
    this.mtu = mtu;
  }

  public Boolean getDhcp() {
    return dhcp;
  }

  public void setDhcp(Boolean dhcp) {
    this.dhcp = dhcp;
  }

  public HostNetworkInterfaceNVConfig getNvconfig() {
    return nvconfig;
  }

  public void setNvconfig(HostNetworkInterfaceNVConfig nvconfig) {
    this.nvconfig = nvconfig;
  }
}
