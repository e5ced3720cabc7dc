package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A static route via the pool gateway. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Route {

  @Required
  @Size(max = 64)
  @ValidationRule(value = IpamRules.ROUTE_CIDR_RULE, messageExpression = IpamRules.ROUTE_CIDR_MESSAGE_EXPRESSION,
      message = "route is not a valid subnet")
  @JsonPropertyDescription("Dst is the destination CIDR; same address family as the pool. 0.0.0.0/0 and ::/0 are "
      + "not allowed when defaultGateway is true.")
  private String dst;

  public String getDst() {
    return dst;
  }

  public void setDst(String dst) {
    this.dst = dst;
  }
}
