package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.TemplateMeta;
import io.fabric8.generator.annotation.Required;

/** Template of the ServiceInterfaceSet a DPUServiceInterface creates in each DPU cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceInterfaceSetSpecTemplate {

  @JsonPropertyDescription("Metadata holds labels and annotations of the ServiceInterfaceSet.")
  private TemplateMeta metadata;

  @Required
  @JsonPropertyDescription("Spec of the ServiceInterfaceSet.")
  private ServiceInterfaceSetSpec spec;

  public TemplateMeta getMetadata() {
    return metadata;
  }

  public void setMetadata(TemplateMeta metadata) {
    this.metadata = metadata;
  }

  public ServiceInterfaceSetSpec getSpec() {
    return spec;
  }

  public void setSpec(ServiceInterfaceSetSpec spec) {
    this.spec = spec;
  }
}
