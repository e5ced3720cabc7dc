package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.DpfStatus;
import java.util.List;
import java.util.Map;

/**
 * Observed state of a DPUService. Condition types: see {@link DPUService#CONDITIONS}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceStatus extends DpfStatus {

  @JsonPropertyDescription("ConfigPorts per DPUCluster name: the ports as exposed on the host Service, with the "
      + "allocated nodePort for NodePort services (later DPF releases).")
  private Map<String, List<ConfigPort>> configPorts;

  @JsonProperty("serviceID")
  @JsonPropertyDescription("ServiceID is the effective service ID: spec.serviceID or a generated one (later DPF "
      + "releases).")
  private String serviceID;

  public Map<String, List<ConfigPort>> getConfigPorts() {
    return configPorts;
  }

  public void setConfigPorts(Map<String, List<ConfigPort>> configPorts) {
    this.configPorts = configPorts;
  }

  @JsonProperty("serviceID")
  public String getServiceID() {
    return serviceID;
  }

  @JsonProperty("serviceID")
  public void setServiceID(String serviceID) {
    this.serviceID = serviceID;
  }
}
