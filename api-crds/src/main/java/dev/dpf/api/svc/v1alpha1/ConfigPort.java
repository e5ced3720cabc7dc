package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One exposed port (spec) or one port as exposed on the host Service (status). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigPort {

  @Required
  @Size(min = 1)
  @Pattern("^[a-z0-9-]+$")
  @JsonPropertyDescription("Name of the port; must equal the port name in the chart's DPU-side Service.")
  private String name;

  @Required
  @Min(0)
  @Max(65535)
  @JsonPropertyDescription("Port number of the host-cluster Service.")
  private Integer port;

  @Required
  @JsonPropertyDescription("Protocol: TCP or UDP.")
  private ConfigPortProtocol protocol;

  @Min(0)
  @Max(65535)
  @JsonPropertyDescription("NodePort to use on the host Service; only with serviceType NodePort. Allocated when "
      + "absent.")
  private Integer nodePort;

  public ConfigPort() {}

  public ConfigPort(String name, Integer port, ConfigPortProtocol protocol, Integer nodePort) {
    this.name = name;
    this.port = port;
    this.protocol = protocol;
    this.nodePort = nodePort;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public ConfigPortProtocol getProtocol() {
    return protocol;
  }

  public void setProtocol(ConfigPortProtocol protocol) {
    this.protocol = protocol;
  }

  public Integer getNodePort() {
    return nodePort;
  }

  public void setNodePort(Integer nodePort) {
    this.nodePort = nodePort;
  }
}
