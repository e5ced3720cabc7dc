package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import java.util.Map;

/**
 * Helm values for the chart's single "service DaemonSet", injected under the value path {@code serviceDaemonSet}
 * (they are values, not a Kubernetes object).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceDaemonSetValues {

  @JsonPropertyDescription("NodeSelector selects the DPU nodes that run the DaemonSet (rendered as required node "
      + "affinity by the chart).")
  private NodeSelector nodeSelector;

  @JsonPropertyDescription("UpdateStrategy of the DaemonSet.")
  private DaemonSetUpdateStrategy updateStrategy;

  @JsonPropertyDescription("Labels for the DaemonSet and its pods. The controller adds svc.dpu.nvidia.com/service.")
  private Map<String, String> labels;

  @JsonPropertyDescription("Annotations for the DaemonSet pods. The controller may rewrite "
      + "k8s.v1.cni.cncf.io/networks.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("Resources for the service pod, e.g. nvidia.com/bf_sf: 3 (later DPF releases).")
  private Map<String, IntOrString> resources;

  public NodeSelector getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(NodeSelector nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public DaemonSetUpdateStrategy getUpdateStrategy() {
    return updateStrategy;
  }

  public void setUpdateStrategy(DaemonSetUpdateStrategy updateStrategy) {
    this.updateStrategy = updateStrategy;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public Map<String, IntOrString> getResources() {
    return resources;
  }

  public void setResources(Map<String, IntOrString> resources) {
    this.resources = resources;
  }
}
