package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.TemplateMeta;
import io.fabric8.generator.annotation.Required;

/** Template of the per-node ServiceChains of a ServiceChainSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceChainSpecTemplate {

  @JsonPropertyDescription("Metadata holds labels (and, later, annotations) of the generated ServiceChains.")
  private TemplateMeta metadata;

  @Required
  @JsonPropertyDescription("Spec is copied to each ServiceChain; node is overwritten per node.")
  private ServiceChainSpec spec;

  public TemplateMeta getMetadata() {
    return metadata;
  }

  public void setMetadata(TemplateMeta metadata) {
    this.metadata = metadata;
  }

  public ServiceChainSpec getSpec() {
    return spec;
  }

  public void setSpec(ServiceChainSpec spec) {
    this.spec = spec;
  }
}
