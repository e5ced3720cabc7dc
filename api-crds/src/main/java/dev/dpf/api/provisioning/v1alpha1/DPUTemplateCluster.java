package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/** DPU-cluster settings of a DPUSet template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUTemplateCluster {

  @JsonPropertyDescription("NodeLabels are put on the DPU's Node in the DPU cluster.")
  private Map<String, String> nodeLabels;

  @JsonPropertyDescription("NodeAnnotations are put on the DPU's Node in the DPU cluster (later DPF releases).")
  private Map<String, String> nodeAnnotations;

  @JsonPropertyDescription("Selector restricts the DPUClusters the DPUs may join (later DPF releases).")
  private LabelSelector selector;

  public Map<String, String> getNodeLabels() {
    return nodeLabels;
  }

  public void setNodeLabels(Map<String, String> nodeLabels) {
    this.nodeLabels = nodeLabels;
  }

  public Map<String, String> getNodeAnnotations() {
    return nodeAnnotations;
  }

  public void setNodeAnnotations(Map<String, String> nodeAnnotations) {
    this.nodeAnnotations = nodeAnnotations;
  }

  public LabelSelector getSelector() {
    return selector;
  }

  public void setSelector(LabelSelector selector) {
    this.selector = selector;
  }
}
