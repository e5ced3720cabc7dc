package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Which DPU nodes get a ServiceInterface and what it looks like. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceInterfaceSetSpec {

  @JsonPropertyDescription("NodeSelector selects the DPU nodes to create ServiceInterfaces for. Absent means all "
      + "nodes.")
  private LabelSelector nodeSelector;

  @Required
  @JsonPropertyDescription("Template of the ServiceInterfaces.")
  private ServiceInterfaceSpecTemplate template;

  public LabelSelector getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(LabelSelector nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public ServiceInterfaceSpecTemplate getTemplate() {
    return template;
  }

  public void setTemplate(ServiceInterfaceSpecTemplate template) {
    this.template = template;
  }
}
