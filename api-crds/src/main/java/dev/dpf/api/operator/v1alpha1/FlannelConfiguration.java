package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Flannel, the DPU-cluster management network (DPUService flannel; no image override in v24.10). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlannelConfiguration extends ComponentConfiguration {

  @Pattern(HelmComponentConfiguration.HELM_CHART_PATTERN)
  @JsonPropertyDescription("HelmChart overrides the chart, as <repoURL>/<chart>:<version>; the URL must begin with "
      + "oci:// or https://.")
  private String helmChart;

  @JsonPropertyDescription("PodCIDR is the pod CIDR of flannel (later releases).")
  private String podCIDR;

  public String getHelmChart() {
    return helmChart;
  }

  public void setHelmChart(String helmChart) {
    this.helmChart = helmChart;
  }

  public String getPodCIDR() {
    return podCIDR;
  }

  public void setPodCIDR(String podCIDR) {
    this.podCIDR = podCIDR;
  }
}
