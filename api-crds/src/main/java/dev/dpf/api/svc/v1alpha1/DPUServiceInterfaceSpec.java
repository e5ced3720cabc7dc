package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Where (which DPU clusters) and what ServiceInterfaceSet to create. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceInterfaceSpec {

  @JsonPropertyDescription("ClusterSelector is accepted but ignored (v24.10); deprecated in favour of "
      + "dpuClusterSelector.")
  private LabelSelector clusterSelector;

  @JsonPropertyDescription("DPUClusterSelector selects DPUClusters by their labels; absent means all clusters "
      + "(later releases).")
  private LabelSelector dpuClusterSelector;

  @Required
  @JsonPropertyDescription("Template of the ServiceInterfaceSet created in each DPU cluster.")
  private ServiceInterfaceSetSpecTemplate template;

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

  public ServiceInterfaceSetSpecTemplate getTemplate() {
    return template;
  }

  public void setTemplate(ServiceInterfaceSetSpecTemplate template) {
    this.template = template;
  }
}
