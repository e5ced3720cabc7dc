package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** The part of a DPUServiceConfiguration copied into the generated DPUService. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.deployInCluster) && self.deployInCluster && has(self.configPorts))",
    message = "configPorts cannot be set when deployInCluster is true", fieldPath = ".configPorts")
public class ServiceConfiguration {

  @JsonPropertyDescription("HelmChart holds the user's Helm values (higher precedence than the template's).")
  private ServiceConfigurationHelmChart helmChart;

  @JsonPropertyDescription("ServiceDaemonSet values copied into the generated DPUService.")
  private ServiceConfigurationDaemonSetValues serviceDaemonSet;

  @JsonPropertyDescription("DeployInCluster makes the generated DPUService deploy into the host cluster.")
  private Boolean deployInCluster;

  @JsonPropertyDescription("ConfigPorts copied into the generated DPUService (later DPF releases).")
  private ConfigPorts configPorts;

  public ServiceConfigurationHelmChart getHelmChart() {
    return helmChart;
  }

  public void setHelmChart(ServiceConfigurationHelmChart helmChart) {
    this.helmChart = helmChart;
  }

  public ServiceConfigurationDaemonSetValues getServiceDaemonSet() {
    return serviceDaemonSet;
  }

  public void setServiceDaemonSet(ServiceConfigurationDaemonSetValues serviceDaemonSet) {
    this.serviceDaemonSet = serviceDaemonSet;
  }

  public Boolean getDeployInCluster() {
    return deployInCluster;
  }

  public void setDeployInCluster(Boolean deployInCluster) {
    this.deployInCluster = deployInCluster;
  }

  public ConfigPorts getConfigPorts() {
    return configPorts;
  }

  public void setConfigPorts(ConfigPorts configPorts) {
    this.configPorts = configPorts;
  }
}
