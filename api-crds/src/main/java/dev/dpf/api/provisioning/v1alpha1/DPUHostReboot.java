package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/**
 * The host reboot the DPU controller issued after the OS installation (an extension of this implementation):
 * recorded so that a reboot command is not issued again before its grace period passed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUHostReboot {

  @JsonPropertyDescription("Command is the reboot command issued, e.g. `bf-slr.sh 4b:00 reset arm|host` or `ipmitool "
      + "chassis power cycle`.")
  private String command;

  @JsonPropertyDescription("IssuedAt is when the command last completed (RFC 3339).")
  private String issuedAt;

  @Min(0)
  @JsonPropertyDescription("Count is how many times a reboot command was issued for this installation.")
  private Integer count;

  public String getCommand() {
    return command;
  }

  public void setCommand(String command) {
    this.command = command;
  }

  public String getIssuedAt() {
    return issuedAt;
  }

  public void setIssuedAt(String issuedAt) {
    this.issuedAt = issuedAt;
  }

  public Integer getCount() {
    return count;
  }

  public void setCount(Integer count) {
    this.count = count;
  }
}
