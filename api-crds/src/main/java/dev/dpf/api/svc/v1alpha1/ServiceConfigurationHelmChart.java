package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.Map;

/** The values part of a DPUServiceConfiguration (the chart source always comes from the template). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceConfigurationHelmChart {

  @PreserveUnknownFields
  @SchemaFrom(type = ObjectNode.class) // free-form object: no additionalProperties schema, nothing pruned
  @JsonPropertyDescription("Values are Helm values merged over the template's values (configuration wins). With "
      + "dependsOn they may use Go templating (later DPF releases).")
  private Map<String, Object> values;

  public ServiceConfigurationHelmChart() {}

  public ServiceConfigurationHelmChart(Map<String, Object> values) {
    this.values = values;
  }

  public Map<String, Object> getValues() {
    return values;
  }

  public void setValues(Map<String, Object> values) {
    this.values = values;
  }
}
