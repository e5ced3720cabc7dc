package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A "virtual switch" of a chain: an independent L2 segment joining its ports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Switch {

  /** MTU of service interfaces on a switch without {@code serviceMTU}. */
  public static final int DEFAULT_SERVICE_MTU = 1500;

  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription("Ports joined by this switch.")
  private List<ServiceChainPort> ports;

  @Min(1280)
  @Max(9216)
  @Default("1500")
  @JsonPropertyDescription("ServiceMTU is the MTU of the service interfaces on this switch (later releases). "
      + "Changing it restarts the affected pods; it must not exceed the DPFOperatorConfig networking.highSpeedMTU.")
  private Integer serviceMTU;

  public List<ServiceChainPort> getPorts() {
    return ports;
  }

  public void setPorts(List<ServiceChainPort> ports) {
    this.ports = ports;
  }

  public Integer getServiceMTU() {
    return serviceMTU;
  }

  public void setServiceMTU(Integer serviceMTU) {
    this.serviceMTU = serviceMTU;
  }
}
