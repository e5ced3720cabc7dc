package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** IPAM settings of a DPUDeployment chain port, copied to the generated chain port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUDeploymentIPAM {

  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription("MatchLabels select the DPUServiceIPAM to allocate from.")
  private Map<String, String> matchLabels;

  @JsonPropertyDescription("DefaultGateway: whether the interface gets the pool's default gateway.")
  private Boolean defaultGateway;

  @JsonPropertyDescription("SetDefaultRoute: whether the interface becomes the pod's default route.")
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
