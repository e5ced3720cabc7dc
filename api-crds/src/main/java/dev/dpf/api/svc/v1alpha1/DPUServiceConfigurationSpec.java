package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Desired state of a DPUServiceConfiguration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.serviceConfiguration) && has(self.serviceConfiguration.deployInCluster)"
        + " && self.serviceConfiguration.deployInCluster && has(self.interfaces))",
    message = "interfaces are not supported when deploying in cluster", fieldPath = ".interfaces")
public class DPUServiceConfigurationSpec {

  @Required
  @Size(min = 1, max = 28)
  @JsonPropertyDescription("DeploymentServiceName is the service key (in DPUDeployment spec.services) this "
      + "configuration is for.")
  private String deploymentServiceName;

  @JsonPropertyDescription("ServiceConfiguration holds the fields copied into the generated DPUService.")
  private ServiceConfiguration serviceConfiguration;

  @Size(min = 1, max = 50)
  @JsonPropertyDescription("Interfaces of the service; one DPUServiceInterface is generated per entry.")
  private List<ServiceInterfaceTemplate> interfaces;

  @JsonPropertyDescription("NodeEffect (interim v25.x field, replaced by upgradePolicy.applyNodeEffect): whether a "
      + "change makes a disruptive new revision.")
  private Boolean nodeEffect;

  @Default("{}")
  @JsonPropertyDescription("UpgradePolicy: how changes of this configuration or its template are rolled out (later "
      + "DPF releases).")
  private DPUServiceUpgradePolicy upgradePolicy;

  /**
   * Whether a change is disruptive: {@code upgradePolicy.applyNodeEffect}, else the interim {@code nodeEffect}, else
   * true.
   */
  public boolean applyNodeEffect() {
    if (upgradePolicy != null && upgradePolicy.getApplyNodeEffect() != null) {
      return upgradePolicy.getApplyNodeEffect();
    }
    if (nodeEffect != null) {
      return nodeEffect;
    }
    return true;
  }

  /** Whether the generated DPUService deploys to the host cluster. */
  public boolean deploysInCluster() {
    return serviceConfiguration != null && Boolean.TRUE.equals(serviceConfiguration.getDeployInCluster());
  }

  public String getDeploymentServiceName() {
    return deploymentServiceName;
  }

  public void setDeploymentServiceName(String deploymentServiceName) {
    this.deploymentServiceName = deploymentServiceName;
  }

  public ServiceConfiguration getServiceConfiguration() {
    return serviceConfiguration;
  }

  public void setServiceConfiguration(ServiceConfiguration serviceConfiguration) {
    this.serviceConfiguration = serviceConfiguration;
  }

  public List<ServiceInterfaceTemplate> getInterfaces() {
    return interfaces;
  }

  public void setInterfaces(List<ServiceInterfaceTemplate> interfaces) {
    this.interfaces = interfaces;
  }

  public Boolean getNodeEffect() {
    return nodeEffect;
  }

  public void setNodeEffect(Boolean nodeEffect) {
    this.nodeEffect = nodeEffect;
  }

  public DPUServiceUpgradePolicy getUpgradePolicy() {
    return upgradePolicy;
  }

  public void setUpgradePolicy(DPUServiceUpgradePolicy upgradePolicy) {
    this.upgradePolicy = upgradePolicy;
  }
}
