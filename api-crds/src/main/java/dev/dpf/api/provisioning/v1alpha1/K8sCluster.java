package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/** The DPU cluster a DPU joins (upstream Go type K8sCluster). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.name) || oldSelf.name == '' || has(self.name)", fieldPath = ".name",
    message = "Value is immutable")
@ValidationRule(value = "!has(oldSelf.namespace) || oldSelf.namespace == '' || has(self.namespace)",
    fieldPath = ".namespace", message = "Value is immutable")
public class K8sCluster {

  @ValidationRule(value = "oldSelf == '' || self == oldSelf", message = "Value is immutable")
  @JsonPropertyDescription("Name of the DPUCluster; filled by the allocator when empty. Immutable once set.")
  private String name;

  @ValidationRule(value = "oldSelf == '' || self == oldSelf", message = "Value is immutable")
  @JsonPropertyDescription("Namespace of the DPUCluster. Immutable once set.")
  private String namespace;

  @JsonPropertyDescription("NodeLabels are applied to the DPU's Node in the DPU cluster.")
  private Map<String, String> nodeLabels;

  @JsonPropertyDescription("NodeAnnotations are applied to the DPU's Node in the DPU cluster (later DPF releases).")
  private Map<String, String> nodeAnnotations;

  @JsonPropertyDescription("Selector restricts the DPUClusters the allocator may choose (later DPF releases).")
  private LabelSelector selector;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

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
