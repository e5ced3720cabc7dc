package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** Reference to exactly one ServiceInterface on the chain's node, by labels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceIfc {

  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription("MatchLabels is a label equality selector over the ServiceInterfaces in the chain's "
      + "namespace on the same node; it must match exactly one.")
  private Map<String, String> matchLabels;

  @JsonPropertyDescription("Ipam requests an IP for a service-type interface from the selected NVIPAM pool.")
  private ServiceChainIPAM ipam;

  public Map<String, String> getMatchLabels() {
    return matchLabels;
  }

  public void setMatchLabels(Map<String, String> matchLabels) {
    this.matchLabels = matchLabels;
  }

  public ServiceChainIPAM getIpam() {
    return ipam;
  }

  public void setIpam(ServiceChainIPAM ipam) {
    this.ipam = ipam;
  }
}
