package dev.dpf.api.svc.v1alpha1;

/**
 * CEL expressions of the DPUServiceIPAM validation (the v24.10 validating webhook's rules, reference §2.5, turned
 * into CRD validation rules). Messages reproduce the webhook's texts where the reference gives them.
 */
final class IpamRules {

  /** {@code POW2[n] == 2^n} for n in 0..32 (the API server's CEL has no bit-shift function). */
  static final String POW2 = "[1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, "
      + "131072, 262144, 524288, 1048576, 2097152, 4194304, 8388608, 16777216, 33554432, 67108864, 134217728, "
      + "268435456, 536870912, 1073741824, 2147483648, 4294967296]";

  // --- spec ----------------------------------------------------------------------------------------------------
  static final String ONE_OF_RULE = "has(self.ipv4Subnet) || has(self.ipv4Network)";
  static final String ONE_OF_MESSAGE = "either ipv4Subnet or ipv4Network must be specified";
  static final String NOT_BOTH_RULE = "!(has(self.ipv4Subnet) && has(self.ipv4Network))";
  static final String NOT_BOTH_MESSAGE = "either ipv4Subnet or ipv4Network must be specified but not both";
  static final String NO_MODE_SWITCH_RULE = "has(self.ipv4Subnet) == has(oldSelf.ipv4Subnet)"
      + " && has(self.ipv4Network) == has(oldSelf.ipv4Network)";
  static final String NO_MODE_SWITCH_MESSAGE =
      "transitioning from ipv4subnet to ipv4network and vice versa is currently not supported";

  static final String SHRINK_MESSAGE = "you cannot shrink the ip subnet";

  // --- ipv4Network ---------------------------------------------------------------------------------------------
  static final String NETWORK_CIDR_RULE = "isCIDR(self)";
  static final String NETWORK_CIDR_MESSAGE_EXPRESSION = "'network ' + self + ' is not a valid network'";

  static final String PREFIX_FITS_RULE = "!isCIDR(self.network) || self.prefixSize >= cidr(self.network).prefixLength()";
  static final String PREFIX_FITS_MESSAGE_EXPRESSION = "\"prefixSize %d doesn't fit in network prefix %d\""
      + ".format([self.prefixSize, cidr(self.network).prefixLength()])";

  static final String PREFIX_MAX_RULE = "!isCIDR(self.network)"
      + " || self.prefixSize <= (cidr(self.network).ip().family() == 4 ? 32 : 128)";
  static final String PREFIX_MAX_MESSAGE =
      "prefixSize must not be bigger than the address length of network (32 for IPv4, 128 for IPv6)";

  static final String GATEWAY_INDEX_RULE = "!has(self.gatewayIndex) || !isCIDR(self.network)"
      + " || cidr(self.network).ip().family() != 4 || self.prefixSize > 32"
      + " || self.gatewayIndex < " + POW2 + "[32 - self.prefixSize]";
  static final String GATEWAY_INDEX_MESSAGE_EXPRESSION =
      "'gatewayIndex %d is outside of the per-node /%d subnet'.format([self.gatewayIndex, self.prefixSize])";

  static final String EXCLUSION_IP_RULE = "self.all(x, isIP(x))";
  static final String EXCLUSION_IP_MESSAGE_EXPRESSION =
      "'exclusion ' + self.filter(x, !isIP(x))[0] + ' is not a valid IP'";

  static final String EXCLUSION_IN_NETWORK_RULE = "!isCIDR(self.network) || !has(self.exclusions)"
      + " || self.exclusions.all(x, !isIP(x) || cidr(self.network).containsIP(x))";
  static final String EXCLUSION_IN_NETWORK_MESSAGE_EXPRESSION = "'exclusion ' + self.exclusions.filter(x, isIP(x)"
      + " && !cidr(self.network).containsIP(x))[0] + ' is not part of network ' + self.network";

  static final String ALLOCATION_CIDR_RULE = "self.all(k, isCIDR(self[k]))";
  static final String ALLOCATION_CIDR_MESSAGE_EXPRESSION =
      "'allocation ' + self[self.filter(k, !isCIDR(self[k]))[0]] + ' is not a valid subnet'";

  private static final String ALLOCATION_FITS = "(cidr(self.network).containsCIDR(self.allocations[k])"
      + " && cidr(self.allocations[k]).prefixLength() == self.prefixSize)";
  static final String ALLOCATION_IN_NETWORK_RULE = "!isCIDR(self.network) || !has(self.allocations)"
      + " || self.allocations.all(k, !isCIDR(self.allocations[k]) || " + ALLOCATION_FITS + ")";
  static final String ALLOCATION_IN_NETWORK_MESSAGE_EXPRESSION = "'allocation ' + self.allocations["
      + "self.allocations.filter(k, isCIDR(self.allocations[k]) && !" + ALLOCATION_FITS + ")[0]]"
      + " + ' is not part of the network ' + self.network";

  static final String NETWORK_NO_SHRINK_RULE = "!isCIDR(oldSelf.network) || !isCIDR(self.network)"
      + " || (cidr(self.network).containsIP(cidr(oldSelf.network).masked().ip())"
      + " && cidr(oldSelf.network).prefixLength() >= cidr(self.network).prefixLength())";

  // --- ipv4Subnet ----------------------------------------------------------------------------------------------
  static final String SUBNET_CIDR_RULE = "isCIDR(self)";
  static final String SUBNET_CIDR_MESSAGE_EXPRESSION = "'subnet ' + self + ' is not a valid network'";

  static final String GATEWAY_IP_RULE = "isIP(self)";
  static final String GATEWAY_IP_MESSAGE_EXPRESSION = "'gateway ' + self + ' is not a valid IP'";

  static final String GATEWAY_IN_SUBNET_RULE = "!isCIDR(self.subnet) || !isIP(self.gateway)"
      + " || cidr(self.subnet).containsIP(self.gateway)";
  static final String GATEWAY_IN_SUBNET_MESSAGE_EXPRESSION =
      "'gateway ' + self.gateway + ' is not part of subnet ' + self.subnet";

  static final String PER_NODE_IP_COUNT_RULE = "!isCIDR(self.subnet) || cidr(self.subnet).ip().family() != 4"
      + " || self.perNodeIPCount <= " + POW2 + "[32 - cidr(self.subnet).prefixLength()]";
  static final String PER_NODE_IP_COUNT_MESSAGE_EXPRESSION =
      "'perNodeIPCount %d does not fit in subnet %s'.format([self.perNodeIPCount, self.subnet])";

  static final String SUBNET_NO_SHRINK_RULE = "!isCIDR(oldSelf.subnet) || !isCIDR(self.subnet)"
      + " || (cidr(self.subnet).containsIP(cidr(oldSelf.subnet).masked().ip())"
      + " && cidr(oldSelf.subnet).prefixLength() >= cidr(self.subnet).prefixLength())";

  // --- routes and exclude ranges (both modes) ------------------------------------------------------------------
  static final String ROUTE_CIDR_RULE = "isCIDR(self)";
  static final String ROUTE_CIDR_MESSAGE_EXPRESSION = "'route ' + self + ' is not a valid subnet'";

  // Message expressions map list items to strings before filtering: filtering the objects and then selecting a
  // field makes the API server's cost estimate of the message exceed its budget.
  static final String NETWORK_ROUTE_FAMILY_RULE = "!isCIDR(self.network) || !has(self.routes)"
      + " || self.routes.all(r, !isCIDR(r.dst) || cidr(r.dst).ip().family() == cidr(self.network).ip().family())";
  static final String NETWORK_ROUTE_FAMILY_MESSAGE_EXPRESSION = "'route ' + self.routes.map(r, r.dst).filter(d,"
      + " isCIDR(d) && cidr(d).ip().family() != cidr(self.network).ip().family())[0]"
      + " + ' is not same address family IPv4/IPv6'";
  static final String SUBNET_ROUTE_FAMILY_RULE = "!isCIDR(self.subnet) || !has(self.routes)"
      + " || self.routes.all(r, !isCIDR(r.dst) || cidr(r.dst).ip().family() == cidr(self.subnet).ip().family())";
  static final String SUBNET_ROUTE_FAMILY_MESSAGE_EXPRESSION = "'route ' + self.routes.map(r, r.dst).filter(d,"
      + " isCIDR(d) && cidr(d).ip().family() != cidr(self.subnet).ip().family())[0]"
      + " + ' is not same address family IPv4/IPv6'";

  static final String DEFAULT_ROUTE_RULE = "!has(self.defaultGateway) || !self.defaultGateway || !has(self.routes)"
      + " || self.routes.all(r, !isCIDR(r.dst) || cidr(r.dst).prefixLength() != 0)";
  static final String DEFAULT_ROUTE_MESSAGE_EXPRESSION = "'default route ' + self.routes.map(r, r.dst).filter(d,"
      + " isCIDR(d) && cidr(d).prefixLength() == 0)[0] + \" is not allowed if 'defaultGateway' is true\"";

  private static final String EXCLUDE_RANGE_IPS =
      "(self.excludeRanges.map(r, r.startIP) + self.excludeRanges.map(r, r.endIP))";
  static final String NETWORK_EXCLUDE_RANGE_RULE = "!isCIDR(self.network) || !has(self.excludeRanges) || "
      + EXCLUDE_RANGE_IPS + ".all(x, !isIP(x) || cidr(self.network).containsIP(x))";
  static final String NETWORK_EXCLUDE_RANGE_MESSAGE_EXPRESSION = "'excludeRange IP ' + " + EXCLUDE_RANGE_IPS
      + ".filter(x, isIP(x) && !cidr(self.network).containsIP(x))[0] + ' is not part of network ' + self.network";
  static final String SUBNET_EXCLUDE_RANGE_RULE = "!isCIDR(self.subnet) || !has(self.excludeRanges) || "
      + EXCLUDE_RANGE_IPS + ".all(x, !isIP(x) || cidr(self.subnet).containsIP(x))";
  static final String SUBNET_EXCLUDE_RANGE_MESSAGE_EXPRESSION = "'excludeRange IP ' + " + EXCLUDE_RANGE_IPS
      + ".filter(x, isIP(x) && !cidr(self.subnet).containsIP(x))[0] + ' is not part of subnet ' + self.subnet";

  private IpamRules() {}
}
