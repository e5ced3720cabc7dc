package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** IP assignment request of a chain port whose ServiceInterface has type service (upstream type "IPAM"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceChainIPAM {

  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription("MatchLabels selects an NVIPAM IPPool or CIDRPool by its labels.")
  private Map<String, String> matchLabels;

  @JsonPropertyDescription("DefaultGateway requests the pool gateway as default gateway (CNI arg "
      + "allocateDefaultGateway).")
  private Boolean defaultGateway;

  @JsonPropertyDescription("SetDefaultRoute is declared upstream but not consumed in v24.10.")
  private Boolean setDefaultRoute;

  public Map<String, String> getMatchLabels() {
    return matchLabels;
  }

  public void setMatchLabels(Map<String, String> matchLabels) {
    this.matchLabels = matchLabels;
  }

  public Boolean getDefaultGateway() {
    return defaultGateway;
  }

  public void setDefaultGateway(Boolean defaultGateway) {
    this.defaultGateway = defaultGateway;
  }

  public Boolean getSetDefaultRoute() {
    return setDefaultRoute;
  }

  public void setSetDefaultRoute(Boolean setDefaultRoute) {
    this.setDefaultRoute = setDefaultRoute;
  }
}
