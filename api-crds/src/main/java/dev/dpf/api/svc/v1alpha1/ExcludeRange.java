package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An inclusive range of IPs excluded from allocation (later releases). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!isIP(self.startIP) || !isIP(self.endIP) || ip(self.startIP).family() == ip(self.endIP).family()",
    message = "startIP and endIP must be of the same address family", fieldPath = ".endIP")
public class ExcludeRange {

  @Required
  @Size(max = 64)
  @ValidationRule(value = "isIP(self)", messageExpression = "'startIP ' + self + ' is not a valid IP'",
      message = "startIP is not a valid IP")
  @JsonPropertyDescription("StartIP is the first excluded IP.")
  private String startIP;

  @Required
  @Size(max = 64)
  @ValidationRule(value = "isIP(self)", messageExpression = "'endIP ' + self + ' is not a valid IP'",
      message = "endIP is not a valid IP")
  @JsonPropertyDescription("EndIP is the last excluded IP (inclusive).")
  private String endIP;

  public String getStartIP() {
    return startIP;
  }

  public void setStartIP(String startIP) {
    this.startIP = startIP;
  }

  public String getEndIP() {
    return endIP;
  }

  public void setEndIP(String endIP) {
    this.endIP = endIP;
  }
}
