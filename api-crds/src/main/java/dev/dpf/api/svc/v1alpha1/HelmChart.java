package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** A Helm chart and its values (used by DPUService and DPUServiceTemplate). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmChart {

  @Required
  @JsonPropertyDescription("Source is where the chart comes from.")
  private ApplicationSource source;

  @PreserveUnknownFields
  @SchemaFrom(type = ObjectNode.class) // free-form object: no additionalProperties schema, nothing pruned
  @JsonPropertyDescription("Values are the Helm values (any JSON object).")
  private Map<String, Object> values;

  public HelmChart() {}

  public HelmChart(ApplicationSource source, Map<String, Object> values) {
    this.source = source;
    this.values = values;
  }

  public ApplicationSource getSource() {
    return source;
  }

  public void setSource(ApplicationSource source) {
    this.source = source;
  }

  public Map<String, Object> getValues() {
    return values;
  }

  public void setValues(Map<String, Object> values) {
    this.values = values;
  }
}
