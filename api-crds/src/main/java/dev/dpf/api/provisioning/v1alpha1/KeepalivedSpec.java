package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** Keepalived configuration of a DPUCluster endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeepalivedSpec {

  @Required
  @JsonPropertyDescription("VIP is the virtual IP reserved for the DPU cluster API server; it must not be in a DHCP "
      + "pool. Not format-checked (as upstream).")
  private String vip;

  @Required
  @Min(1)
  @Max(255)
  @JsonPropertyDescription("VirtualRouterID is the VRRP virtual_router_id (1-255); it must not collide with other "
      + "keepalived instances on those hosts.")
  private Integer virtualRouterID;

  @Required
  @Size(min = 1)
  @JsonProperty("interface")
  @JsonPropertyDescription("Interface is the host interface that holds the VIP (the control-plane nodes' OOB "
      + "interface).")
  private String interfaceName;

  @JsonPropertyDescription("NodeSelector restricts keepalived pods to a subset of the control-plane nodes.")
  private Map<String, String> nodeSelector;

  public String getVip() {
    return vip;
  }

  public void setVip(String vip) {
    this.vip = vip;
  }

  public Integer getVirtualRouterID() {
    return virtualRouterID;
  }

  public void setVirtualRouterID(Integer virtualRouterID) {
    this.virtualRouterID = virtualRouterID;
  }

  public String getInterfaceName() {
    return interfaceName;
  }

  public void setInterfaceName(String interfaceName) {
    this.interfaceName = interfaceName;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }
}
