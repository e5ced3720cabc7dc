package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A NIC selected by PCI address (later releases). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PCISelector {

  @Required
  @Pattern("^[0-9a-f]{4}:[0-9a-f]{2}:[0-1][0-9a-f]\\.[0-7]{1}$")
  @JsonPropertyDescription("Address is the PCI address of the NIC, e.g. 0000:03:00.0.")
  private String address;

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }
}
