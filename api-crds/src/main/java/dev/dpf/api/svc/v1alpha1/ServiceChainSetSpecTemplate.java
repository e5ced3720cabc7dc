package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.TemplateMeta;
import io.fabric8.generator.annotation.Required;

/** Template of the ServiceChainSet a DPUServiceChain creates in each DPU cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceChainSetSpecTemplate {

  @JsonPropertyDescription("Metadata holds labels and annotations of the ServiceChainSet.")
  private TemplateMeta metadata;

  @Required
  @JsonPropertyDescription("Spec of the ServiceChainSet.")
  private ServiceChainSetSpec spec;

  public TemplateMeta getMetadata() {
    return metadata;
  }

  public void setMetadata(TemplateMeta metadata) {
    this.metadata = metadata;
  }

  public ServiceChainSetSpec getSpec() {
    return spec;
  }

  public void setSpec(ServiceChainSetSpec spec) {
    this.spec = spec;
  }
}
