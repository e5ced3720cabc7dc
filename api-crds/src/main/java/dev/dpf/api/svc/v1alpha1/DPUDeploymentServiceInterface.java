package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** A chain port that is an existing, user-created DPUServiceInterface, selected by labels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUDeploymentServiceInterface {

  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription("MatchLabels select the DPUServiceInterface.")
  private Map<String, String> matchLabels;

  @JsonPropertyDescription("IPAM settings copied to the chain port.")
  private DPUDeploymentIPAM ipam;

  public Map<String, String> getMatchLabels() {
    return matchLabels;
  }

  public void setMatchLabels(Map<String, String> matchLabels) {
    this.matchLabels = matchLabels;
  }

  public DPUDeploymentIPAM getIpam() {
    return ipam;
  }

  public void setIpam(DPUDeploymentIPAM ipam) {
    this.ipam = ipam;
  }
}
