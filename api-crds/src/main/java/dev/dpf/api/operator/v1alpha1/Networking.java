package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** MTUs of the system networks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Networking {

  /** Default of both MTUs. */
  public static final int DEFAULT_MTU = 1500;
  /** The host OOB bridge used when {@code dpuNodeOOBBridgeName} is not set. */
  public static final String DEFAULT_DPU_NODE_OOB_BRIDGE_NAME = "br-dpu";

  @Min(0)
  @Max(9216)
  @Default("1500")
  @JsonPropertyDescription("ControlPlaneMTU is the MTU of the DPU-cluster management network (flannel).")
  private Integer controlPlaneMTU;

  @Min(0)
  @Max(9216)
  @Default("1500")
  @JsonPropertyDescription("HighSpeedMTU is the MTU of the high-speed interfaces (multus, used in "
      + "NetworkAttachmentDefinitions).")
  private Integer highSpeedMTU;

  @Size(min = 1, max = 15)
  @Pattern("^[a-z][a-z0-9-]*$")
  @JsonPropertyDescription("DPUNodeOOBBridgeName is the host bridge for out-of-band DPU management traffic "
      + "(host-trusted mode only; later releases). Defaults to br-dpu.")
  private String dpuNodeOOBBridgeName;

  public Integer getControlPlaneMTU() {
    return controlPlaneMTU;
  }

  public void setControlPlaneMTU(Integer controlPlaneMTU) {
    this.controlPlaneMTU = controlPlaneMTU;
  }

  public Integer getHighSpeedMTU() {
    return highSpeedMTU;
  }

  public void setHighSpeedMTU(Integer highSpeedMTU) {
    this.highSpeedMTU = highSpeedMTU;
  }

  public String getDpuNodeOOBBridgeName() {
    return dpuNodeOOBBridgeName;
  }

  public void setDpuNodeOOBBridgeName(String dpuNodeOOBBridgeName) {
    this.dpuNodeOOBBridgeName = dpuNodeOOBBridgeName;
  }
}
