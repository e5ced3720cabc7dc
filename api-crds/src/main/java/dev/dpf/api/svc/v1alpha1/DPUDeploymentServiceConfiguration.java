package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One service of a DPUDeployment ({@code spec.services.<name>}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUDeploymentServiceConfiguration {

  @Required
  @JsonPropertyDescription("ServiceTemplate is the name of the DPUServiceTemplate (same namespace).")
  private String serviceTemplate;

  @Required
  @JsonPropertyDescription("ServiceConfiguration is the name of the DPUServiceConfiguration (same namespace).")
  private String serviceConfiguration;

  @Size(min = 1, max = DPUDeploymentSpec.MAX_SERVICES)
  @JsonPropertyDescription("DependsOn: other services of this DPUDeployment that must be applied first; their names "
      + "can be used in the configuration's values templating (later DPF releases).")
  private List<DPUDeploymentServiceDependency> dependsOn;

  public DPUDeploymentServiceConfiguration() {}

  public DPUDeploymentServiceConfiguration(String serviceTemplate, String serviceConfiguration) {
    this.serviceTemplate = serviceTemplate;
    this.serviceConfiguration = serviceConfiguration;
  }

  public String getServiceTemplate() {
    return serviceTemplate;
  }

  public void setServiceTemplate(String serviceTemplate) {
    this.serviceTemplate = serviceTemplate;
  }

  public String getServiceConfiguration() {
    return serviceConfiguration;
  }

  public void setServiceConfiguration(String serviceConfiguration) {
    this.serviceConfiguration = serviceConfiguration;
  }

  public List<DPUDeploymentServiceDependency> getDependsOn() {
    return dependsOn;
  }

  public void setDependsOn(List<DPUDeploymentServiceDependency> dependsOn) {
    this.dependsOn = dependsOn;
  }
}
