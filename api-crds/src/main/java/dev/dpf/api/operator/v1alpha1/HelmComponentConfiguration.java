package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** A system component deployed as a DPUService from a Helm chart; image and chart can be overridden. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmComponentConfiguration extends ImageComponentConfiguration {

  /** Upstream's Helm chart pattern. */
  public static final String HELM_CHART_PATTERN = "^(oci://|https://).+$";

  @Pattern(HELM_CHART_PATTERN)
  @JsonPropertyDescription("HelmChart overrides the chart, as <repoURL>/<chart>:<version>; the URL must begin with "
      + "oci:// or https://.")
  private String helmChart;

  public String getHelmChart() {
    return helmChart;
  }

  public void setHelmChart(String helmChart) {
    this.helmChart = helmChart;
  }
}
