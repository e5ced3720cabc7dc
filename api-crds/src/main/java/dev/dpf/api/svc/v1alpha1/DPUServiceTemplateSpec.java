package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Map;

/** Desired state of a DPUServiceTemplate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceTemplateSpec {

  @Required
  @Size(min = 1, max = 28)
  @JsonPropertyDescription("DeploymentServiceName is the service key (in DPUDeployment spec.services) this template "
      + "is for.")
  private String deploymentServiceName;

  @Required
  @JsonPropertyDescription("HelmChart is the chart source used for the generated DPUService and the baseline values "
      + "(lower precedence than the DPUServiceConfiguration's values).")
  private HelmChart helmChart;

  @JsonPropertyDescription("ResourceRequirements are the resources one instance of the service needs on one DPU; "
      + "used to check that the services fit the DPUFlavor.")
  private Map<String, IntOrString> resourceRequirements;

  @JsonPropertyDescription("Security options propagated to generated DPU-targeted DPUServices (latest DPF "
      + "releases).")
  private DPUServiceSecurity security;

  public String getDeploymentServiceName() {
    return deploymentServiceName;
  }

  public void setDeploymentServiceName(String deploymentServiceName) {
    this.deploymentServiceName = deploymentServiceName;
  }

  public HelmChart getHelmChart() {
    return helmChart;
  }

  public void setHelmChart(HelmChart helmChart) {
    this.helmChart = helmChart;
  }

  public Map<String, IntOrString> getResourceRequirements() {
    return resourceRequirements;
  }

  public void setResourceRequirements(Map<String, IntOrString> resourceRequirements) {
    this.resourceRequirements = resourceRequirements;
  }

  public DPUServiceSecurity getSecurity() {
    return security;
  }

  public void setSecurity(DPUServiceSecurity security) {
    this.security = security;
  }
}
