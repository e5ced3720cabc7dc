package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Desired state of a DPUService. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.interfaces) && has(self.serviceID)) || (!has(self.interfaces) && !has(self.serviceID))"
        + " || has(self.serviceID)",
    message = "serviceID must be provided when interfaces are provided", fieldPath = ".serviceID")
@ValidationRule(value = "!(has(self.deployInCluster) && self.deployInCluster && has(self.configPorts))",
    message = "configPorts cannot be set when deployInCluster is true", fieldPath = ".configPorts")
@ValidationRule(value = "!(has(self.deployInCluster) && self.deployInCluster && has(self.dpuClusterSelector))",
    message = "dpuClusterSelector cannot be set when deployInCluster is true",
    fieldPath = ".dpuClusterSelector")
@ValidationRule(
    value = "!(has(self.deployInCluster) && self.deployInCluster && has(self.security)"
        + " && has(self.security.privileged))",
    message = "security.privileged must not be set when deployInCluster is true",
    fieldPath = ".security.privileged")
public class DPUServiceSpec {

  @Required
  @JsonPropertyDescription("HelmChart is the chart to deploy and its values.")
  private HelmChart helmChart;

  @JsonProperty("serviceID")
  @JsonPropertyDescription("ServiceID identifies the service: pod label svc.dpu.nvidia.com/service and the "
      + "serviceID of the DPUServiceInterfaces it uses. Required when interfaces are set.")
  private String serviceID;

  @JsonPropertyDescription("ServiceDaemonSet holds Helm values for the chart's service DaemonSet.")
  private ServiceDaemonSetValues serviceDaemonSet;

  @JsonPropertyDescription("DeployInCluster deploys the chart into the host cluster instead of the DPU clusters.")
  private Boolean deployInCluster;

  @Size(min = 1, max = 50)
  @JsonPropertyDescription("Interfaces are names of DPUServiceInterfaces in the same namespace used by this "
      + "service.")
  private List<String> interfaces;

  @JsonPropertyDescription("Paused stops reconciliation of this DPUService and of its ArgoCD Applications. A paused "
      + "DPUService is not deleted until it is resumed.")
  private Boolean paused;

  @JsonPropertyDescription("ConfigPorts exposes ports of the DPU-side workload in the host cluster (later DPF "
      + "releases). Not allowed with deployInCluster.")
  private ConfigPorts configPorts;

  @JsonPropertyDescription("DPUClusterSelector selects the DPUClusters that get an Application; absent = all "
      + "(later DPF releases). Not allowed with deployInCluster.")
  private LabelSelector dpuClusterSelector;

  @JsonPropertyDescription("Security options of the service (latest DPF releases).")
  private DPUServiceSecurity security;

  public HelmChart getHelmChart() {
    return helmChart;
  }

  public void setHelmChart(HelmChart helmChart) {
    this.helmChart = helmChart;
  }

  @JsonProperty("serviceID")
  public String getServiceID() {
    return serviceID;
  }

  @JsonProperty("serviceID")
  public void setServiceID(String serviceID) {
    this.serviceID = serviceID;
  }

  public ServiceDaemonSetValues getServiceDaemonSet() {
    return serviceDaemonSet;
  }

  public void setServiceDaemonSet(ServiceDaemonSetValues serviceDaemonSet) {
    this.serviceDaemonSet = serviceDaemonSet;
  }

  public Boolean getDeployInCluster() {
    return deployInCluster;
  }

  public void setDeployInCluster(Boolean deployInCluster) {
    this.deployInCluster = deployInCluster;
  }

  public List<String> getInterfaces() {
    return interfaces;
  }

  public void setInterfaces(List<String> interfaces) {
    this.interfaces = interfaces;
  }

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }

  public ConfigPorts getConfigPorts() {
    return configPorts;
  }

  public void setConfigPorts(ConfigPorts configPorts) {
    this.configPorts = configPorts;
  }

  public LabelSelector getDpuClusterSelector() {
    return dpuClusterSelector;
  }

  public void setDpuClusterSelector(LabelSelector dpuClusterSelector) {
    this.dpuClusterSelector = dpuClusterSelector;
  }

  public DPUServiceSecurity getSecurity() {
    return security;
  }

  public void setSecurity(DPUServiceSecurity security) {
    this.security = security;
  }
}
