package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Reference to a BFB in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BFBReference {

  @JsonPropertyDescription("Name of the BFB object (same namespace).")
  private String name;

  public BFBReference() {}

  public BFBReference(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
