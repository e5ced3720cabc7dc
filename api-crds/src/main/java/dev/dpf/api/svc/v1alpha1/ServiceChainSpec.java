package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The switches of a chain on one DPU node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceChainSpec {

  @JsonPropertyDescription("Node is the DPU node the chain is programmed on. In templates it is overwritten per "
      + "node.")
  private String node;

  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription("Switches is the ordered list of virtual switches; each is an independent L2 segment.")
  private List<Switch> switches;

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public List<Switch> getSwitches() {
    return switches;
  }

  public void setSwitches(List<Switch> switches) {
    this.switches = switches;
  }
}
