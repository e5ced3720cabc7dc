package dev.dpf.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** The subset of object metadata a template may carry (upstream's "ObjectMeta" template type). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TemplateMeta {

  @JsonPropertyDescription("Labels to put on the generated object(s).")
  private Map<String, String> labels;

  @JsonPropertyDescription("Annotations to put on the generated object(s).")
  private Map<String, String> annotations;

  public TemplateMeta() {}

  public TemplateMeta(Map<String, String> labels, Map<String, String> annotations) {
    this.labels = labels;
    this.annotations = annotations;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }
}
