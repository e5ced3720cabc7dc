package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.TemplateMeta;
import io.fabric8.generator.annotation.Required;

/** Template of the per-node ServiceInterfaces of a ServiceInterfaceSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceInterfaceSpecTemplate {

  @JsonPropertyDescription("Metadata holds labels and annotations of the generated ServiceInterfaces.")
  private TemplateMeta metadata;

  @Required
  @JsonPropertyDescription("Spec is copied to each ServiceInterface; node is overwritten per node.")
  private ServiceInterfaceSpec spec;

  public TemplateMeta getMetadata() {
    return metadata;
  }

  public void setMetadata(TemplateMeta metadata) {
    this.metadata = metadata;
  }

  public ServiceInterfaceSpec getSpec() {
    return spec;
  }

  public void setSpec(ServiceInterfaceSpec spec) {
    this.spec = spec;
  }
}
