package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.TemplateMeta;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NodeSelector;

/**
 * An IP pool for service interfaces: exactly one of {@code ipv4Network} (CIDRPool) or {@code ipv4Subnet} (IPPool).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = IpamRules.ONE_OF_RULE, message = IpamRules.ONE_OF_MESSAGE, fieldPath = ".ipv4Subnet")
@ValidationRule(value = IpamRules.NOT_BOTH_RULE, message = IpamRules.NOT_BOTH_MESSAGE, fieldPath = ".ipv4Network")
@ValidationRule(value = IpamRules.NO_MODE_SWITCH_RULE, message = IpamRules.NO_MODE_SWITCH_MESSAGE,
    fieldPath = ".ipv4Network")
public class DPUServiceIPAMSpec {

  @JsonPropertyDescription("Metadata holds labels and annotations copied onto the generated pool (the labels are what "
      + "a chain port's ipam.matchLabels selects).")
  private TemplateMeta metadata;

  @JsonPropertyDescription("IPv4Network selects the \"subnet per node\" mode (NVIPAM CIDRPool).")
  private IPv4Network ipv4Network;

  @JsonPropertyDescription("IPv4Subnet selects the \"shared subnet, block per node\" mode (NVIPAM IPPool).")
  private IPv4Subnet ipv4Subnet;

  @JsonPropertyDescription("ClusterSelector is accepted but ignored (v24.10); deprecated in favour of "
      + "dpuClusterSelector.")
  private LabelSelector clusterSelector;

  @JsonPropertyDescription("DPUClusterSelector selects DPUClusters by their labels; absent means all clusters "
      + "(later releases).")
  private LabelSelector dpuClusterSelector;

  @JsonPropertyDescription("NodeSelector selects the DPU nodes that get allocations; copied verbatim into the pool.")
  private NodeSelector nodeSelector;

  public TemplateMeta getMetadata() {
    return metadata;
  }

  public void setMetadata(TemplateMeta metadata) {
    this.metadata = metadata;
  }

  public IPv4Network getIpv4Network() {
    return ipv4Network;
  }

  public void setIpv4Network(IPv4Network ipv4Network) {
    this.ipv4Network = ipv4Network;
  }

  public IPv4Subnet getIpv4Subnet() {
    return ipv4Subnet;
  }

  public void setIpv4Subnet(IPv4Subnet ipv4Subnet) {
    this.ipv4Subnet = ipv4Subnet;
  }

  public LabelSelector getClusterSelector() {
    return clusterSelector;
  }

  public void setClusterSelector(LabelSelector clusterSelector) {
    this.clusterSelector = clusterSelector;
  }

  public LabelSelector getDpuClusterSelector() {
    return dpuClusterSelector;
  }

  public void setDpuClusterSelector(LabelSelector dpuClusterSelector) {
    this.dpuClusterSelector = dpuClusterSelector;
  }

  public NodeSelector getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(NodeSelector nodeSelector) {
    this.nodeSelector = nodeSelector;
  }
}
