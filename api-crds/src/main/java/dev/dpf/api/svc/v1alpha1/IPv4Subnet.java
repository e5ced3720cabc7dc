package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** "Shared subnet, block per node" mode: one subnet and gateway, a block of IPs per node; becomes an NVIPAM IPPool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = IpamRules.GATEWAY_IN_SUBNET_RULE,
    messageExpression = IpamRules.GATEWAY_IN_SUBNET_MESSAGE_EXPRESSION,
    message = "gateway is not part of subnet", fieldPath = ".gateway")
@ValidationRule(value = IpamRules.PER_NODE_IP_COUNT_RULE,
    messageExpression = IpamRules.PER_NODE_IP_COUNT_MESSAGE_EXPRESSION,
    message = "perNodeIPCount does not fit in subnet", fieldPath = ".perNodeIPCount")
@ValidationRule(value = IpamRules.SUBNET_ROUTE_FAMILY_RULE,
    messageExpression = IpamRules.SUBNET_ROUTE_FAMILY_MESSAGE_EXPRESSION,
    message = "route is not same address family IPv4/IPv6", fieldPath = ".routes")
@ValidationRule(value = IpamRules.DEFAULT_ROUTE_RULE, messageExpression = IpamRules.DEFAULT_ROUTE_MESSAGE_EXPRESSION,
    message = "default route is not allowed if 'defaultGateway' is true", fieldPath = ".routes")
@ValidationRule(value = IpamRules.SUBNET_EXCLUDE_RANGE_RULE,
    messageExpression = IpamRules.SUBNET_EXCLUDE_RANGE_MESSAGE_EXPRESSION,
    message = "excludeRange is not part of subnet", fieldPath = ".excludeRanges")
@ValidationRule(value = IpamRules.SUBNET_NO_SHRINK_RULE, message = IpamRules.SHRINK_MESSAGE, fieldPath = ".subnet")
public class IPv4Subnet {

  @Required
  @Size(max = 64)
  @ValidationRule(value = IpamRules.SUBNET_CIDR_RULE, messageExpression = IpamRules.SUBNET_CIDR_MESSAGE_EXPRESSION,
      message = "subnet is not a valid network")
  @JsonPropertyDescription("Subnet is the CIDR shared by all nodes and split into per-node blocks.")
  private String subnet;

  @Required
  @Size(max = 64)
  @ValidationRule(value = IpamRules.GATEWAY_IP_RULE, messageExpression = IpamRules.GATEWAY_IP_MESSAGE_EXPRESSION,
      message = "gateway is not a valid IP")
  @JsonPropertyDescription("Gateway is the single gateway of all nodes; must be inside the subnet.")
  private String gateway;

  @Required
  @Min(1)
  @JsonPropertyDescription("PerNodeIPCount is the number of IPs of the block each node gets.")
  private Integer perNodeIPCount;

  @JsonPropertyDescription("DefaultGateway adds the gateway as the default route.")
  private Boolean defaultGateway;

  @Size(max = 64)
  @JsonPropertyDescription("Routes are static routes via the gateway.")
  private List<Route> routes;

  @Size(max = 256)
  @JsonPropertyDescription("ExcludeRanges are inclusive IP ranges of the subnet that are never allocated (later "
      + "releases).")
  private List<ExcludeRange> excludeRanges;

  @Min(1)
  @JsonPropertyDescription("BlocksPerDPUCluster splits the subnet between the targeted DPUClusters, this many "
      + "per-node blocks each (later releases).")
  private Integer blocksPerDPUCluster;

  public String getSubnet() {
    return subnet;
  }

  public void setSubnet(String subnet) {
    this.subnet = subnet;
  }

  public String getGateway() {
    return gateway;
  }

  public void setGateway(String gateway) {
    this.gateway = gateway;
  }

  public Integer getPerNodeIPCount() {
    return perNodeIPCount;
  }

  public void setPerNodeIPCount(Integer perNodeIPCount) {
    this.perNodeIPCount = perNodeIPCount;
  }

  public Boolean getDefaultGateway() {
    return defaultGateway;
  }

  public void setDefaultGateway(Boolean defaultGateway) {
    this.defaultGateway = defaultGateway;
  }

  public List<Route> getRoutes() {
    return routes;
  }

  public void setRoutes(List<Route> routes) {
    this.routes = routes;
  }

  public List<ExcludeRange> getExcludeRanges() {
    return excludeRanges;
  }

  public void setExcludeRanges(List<ExcludeRange> excludeRanges) {
    this.excludeRanges = excludeRanges;
  }

  public Integer getBlocksPerDPUCluster() {
    return blocksPerDPUCluster;
  }

  public void setBlocksPerDPUCluster(Integer blocksPerDPUCluster) {
    this.blocksPerDPUCluster = blocksPerDPUCluster;
  }
}
