package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import java.util.Map;

/**
 * The DaemonSet values a DPUServiceConfiguration may set. No node selector: the DPUDeployment owns it. Keys of the
 * DPF domain ({@code dpu.nvidia.com}) are reserved (later DPF releases).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceConfigurationDaemonSetValues {

  /** Maximum number of labels / annotations (later DPF releases). */
  public static final int MAX_ENTRIES = 50;

  @Size(max = MAX_ENTRIES)
  @ValidationRule(
      value = "self.all(k, k == 'svc.dpu.nvidia.com/custom-flows'"
          + " || !(k.contains('dpu.nvidia.com/') || k.endsWith('dpu.nvidia.com')))",
      message = "label keys must not contain 'dpu.nvidia.com/' nor end with 'dpu.nvidia.com' "
          + "(except svc.dpu.nvidia.com/custom-flows)")
  @JsonPropertyDescription("Labels copied to the DPUService serviceDaemonSet.labels.")
  private Map<String, String> labels;

  @Size(max = MAX_ENTRIES)
  @ValidationRule(
      value = "self.all(k, !(k.contains('dpu.nvidia.com/') || k.endsWith('dpu.nvidia.com')))",
      message = "annotation keys must not contain 'dpu.nvidia.com/' nor end with 'dpu.nvidia.com'")
  @JsonPropertyDescription("Annotations copied to the DPUService serviceDaemonSet.annotations.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("UpdateStrategy copied to the DPUService (later DPF releases).")
  private DaemonSetUpdateStrategy updateStrategy;

  @JsonPropertyDescription("Resources copied to the DPUService (later DPF releases).")
  private Map<String, IntOrString> resources;

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

  public DaemonSetUpdateStrategy getUpdateStrategy() {
    return updateStrategy;
  }

  public void setUpdateStrategy(DaemonSetUpdateStrategy updateStrategy) {
    this.updateStrategy = updateStrategy;
  }

  public Map<String, IntOrString> getResources() {
    return resources;
  }

  public void setResources(Map<String, IntOrString> resources) {
    this.resources = resources;
  }
}
