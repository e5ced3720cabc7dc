package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Ports of a DPU-side workload exposed to the host cluster through a host Service (later DPF releases). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(self.serviceType != 'NodePort' && self.ports.exists(p, has(p.nodePort)))",
    message = "nodePort can only be set when serviceType is NodePort")
public class ConfigPorts {

  /** Upper bound of {@code ports} (not upstream; keeps the CEL cost bounded). */
  public static final int MAX_PORTS = 64;

  @Required
  @Default("NodePort")
  @ValidationRule(value = "self == oldSelf", message = "Value is immutable")
  @JsonPropertyDescription("ServiceType of the host Service: NodePort (default), ClusterIP or None (headless). "
      + "Immutable.")
  private ConfigPortsServiceType serviceType;

  @Required
  @Size(max = MAX_PORTS)
  @JsonPropertyDescription("Ports to expose.")
  private List<ConfigPort> ports;

  public ConfigPorts() {}

  public ConfigPorts(ConfigPortsServiceType serviceType, List<ConfigPort> ports) {
    this.serviceType = serviceType;
    this.ports = ports;
  }

  /** The service type, {@code NodePort} when absent. */
  public ConfigPortsServiceType effectiveServiceType() {
    return serviceType == null ? ConfigPortsServiceType.NODE_PORT : serviceType;
  }

  public ConfigPortsServiceType getServiceType() {
    return serviceType;
  }

  public void setServiceType(ConfigPortsServiceType serviceType) {
    this.serviceType = serviceType;
  }

  public List<ConfigPort> getPorts() {
    return ports;
  }

  public void setPorts(List<ConfigPort> ports) {
    this.ports = ports;
  }
}
