package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** "Subnet per node" mode: the network is split into one subnet per node; becomes an NVIPAM CIDRPool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = IpamRules.PREFIX_FITS_RULE, messageExpression = IpamRules.PREFIX_FITS_MESSAGE_EXPRESSION,
    message = "prefixSize doesn't fit in network prefix", fieldPath = ".prefixSize")
@ValidationRule(value = IpamRules.PREFIX_MAX_RULE, message = IpamRules.PREFIX_MAX_MESSAGE, fieldPath = ".prefixSize")
@ValidationRule(value = IpamRules.GATEWAY_INDEX_RULE,
    messageExpression = IpamRules.GATEWAY_INDEX_MESSAGE_EXPRESSION,
    message = "gatewayIndex is outside of the per-node subnet", fieldPath = ".gatewayIndex")
@ValidationRule(value = IpamRules.EXCLUSION_IN_NETWORK_RULE,
    messageExpression = IpamRules.EXCLUSION_IN_NETWORK_MESSAGE_EXPRESSION,
    message = "exclusion is not part of network", fieldPath = ".exclusions")
@ValidationRule(value = IpamRules.ALLOCATION_IN_NETWORK_RULE,
    messageExpression = IpamRules.ALLOCATION_IN_NETWORK_MESSAGE_EXPRESSION,
    message = "allocation is not part of the network", fieldPath = ".allocations")
@ValidationRule(value = IpamRules.NETWORK_ROUTE_FAMILY_RULE,
    messageExpression = IpamRules.NETWORK_ROUTE_FAMILY_MESSAGE_EXPRESSION,
    message = "route is not same address family IPv4/IPv6", fieldPath = ".routes")
@ValidationRule(value = IpamRules.DEFAULT_ROUTE_RULE, messageExpression = IpamRules.DEFAULT_ROUTE_MESSAGE_EXPRESSION,
    message = "default route is not allowed if 'defaultGateway' is true", fieldPath = ".routes")
@ValidationRule(value = IpamRules.NETWORK_EXCLUDE_RANGE_RULE,
    messageExpression = IpamRules.NETWORK_EXCLUDE_RANGE_MESSAGE_EXPRESSION,
    message = "excludeRange is not part of network", fieldPath = ".excludeRanges")
@ValidationRule(value = IpamRules.NETWORK_NO_SHRINK_RULE, message = IpamRules.SHRINK_MESSAGE, fieldPath = ".network")
public class IPv4Network {

  @Required
  @Size(max = 64)
  @ValidationRule(value = IpamRules.NETWORK_CIDR_RULE, messageExpression = IpamRules.NETWORK_CIDR_MESSAGE_EXPRESSION,
      message = "network is not a valid network")
  @JsonPropertyDescription("Network is the CIDR to split into per-node subnets.")
  private String network;

  @Min(0)
  @JsonPropertyDescription("GatewayIndex is the index of the gateway inside each per-node subnet; leave unset for "
      + "/31 point-to-point subnets.")
  private Integer gatewayIndex;

  @Required
  @Min(0)
  @Max(128)
  @JsonPropertyDescription("PrefixSize is the prefix length of each per-node subnet; at least the network's prefix "
      + "length.")
  private Integer prefixSize;

  @Size(max = 1024)
  @ValidationRule(value = IpamRules.EXCLUSION_IP_RULE,
      messageExpression = IpamRules.EXCLUSION_IP_MESSAGE_EXPRESSION, message = "exclusion is not a valid IP")
  @JsonPropertyDescription("Exclusions are IPs of the network that are never allocated (deprecated later in favour "
      + "of excludeRanges).")
  private List<@Size(max = 64) String> exclusions;

  @Size(max = 4096)
  @ValidationRule(value = IpamRules.ALLOCATION_CIDR_RULE,
      messageExpression = IpamRules.ALLOCATION_CIDR_MESSAGE_EXPRESSION, message = "allocation is not a valid subnet")
  @JsonPropertyDescription("Allocations are static per-node subnets (node name to CIDR); each must be inside the "
      + "network with prefix length prefixSize.")
  private Map<String, @Size(max = 64) String> allocations;

  @JsonPropertyDescription("DefaultGateway adds the gateway as the default route.")
  private Boolean defaultGateway;

  @Size(max = 64)
  @JsonPropertyDescription("Routes are static routes via the gateway.")
  private List<Route> routes;

  @Size(max = 256)
  @JsonPropertyDescription("ExcludeRanges are inclusive IP ranges of the network that are never allocated (later "
      + "releases).")
  private List<ExcludeRange> excludeRanges;

  @Min(1)
  @JsonPropertyDescription("SubnetsPerDPUCluster splits the network between the targeted DPUClusters, this many "
      + "per-node subnets each (later releases).")
  private Integer subnetsPerDPUCluster;

  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
  }

  public Integer getGatewayIndex() {
    return gatewayIndex;
  }

  public void setGatewayIndex(Integer gatewayIndex) {
    this.gatewayIndex = gatewayIndex;
  }

  public Integer getPrefixSize() {
    return prefixSize;
  }

  public void setPrefixSize(Integer prefixSize) {
    this.prefixSize = prefixSize;
  }

  public List<String> getExclusions() {
    return exclusions;
  }

  public void setExclusions(List<String> exclusions) {
    this.exclusions = exclusions;
  }

  public Map<String, String> getAllocations() {
    return allocations;
  }

  public void setAllocations(Map<String, String> allocations) {
    this.allocations = allocations;
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

  public Integer getSubnetsPerDPUCluster() {
    return subnetsPerDPUCluster;
  }

  public void setSubnetsPerDPUCluster(Integer subnetsPerDPUCluster) {
    this.subnetsPerDPUCluster = subnetsPerDPUCluster;
  }
}
