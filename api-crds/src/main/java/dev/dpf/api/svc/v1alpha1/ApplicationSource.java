package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Where a Helm chart comes from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationSource {

  /** Prefix of OCI registry URLs; stripped before the URL is given to ArgoCD. */
  public static final String OCI_PREFIX = "oci://";

  @Required
  @Pattern("^(oci://|https://).+$")
  @JsonProperty("repoURL")
  @JsonPropertyDescription("RepoURL is the Helm repository URL: oci://... for an OCI registry, https://... for a "
      + "classic Helm repository.")
  private String repoURL;

  @JsonPropertyDescription("Path of the chart inside the repository (git-style sources).")
  private String path;

  @Required
  @Size(min = 1)
  @JsonPropertyDescription("Version of the chart (ArgoCD targetRevision).")
  private String version;

  @JsonPropertyDescription("Chart is the name of the Helm chart.")
  private String chart;

  @JsonPropertyDescription("ReleaseName is the Helm release name. Empty: ArgoCD uses the Application name.")
  private String releaseName;

  public ApplicationSource() {}

  public ApplicationSource(String repoURL, String chart, String version) {
    this.repoURL = repoURL;
    this.chart = chart;
    this.version = version;
  }

  /** The repository URL as ArgoCD wants it: without a leading {@code oci://}. */
  public String argoRepoURL() {
    if (repoURL != null && repoURL.startsWith(OCI_PREFIX)) {
      return repoURL.substring(OCI_PREFIX.length());
    }
    return repoURL;
  }

  /** Whether the chart lives in an OCI registry. */
  public boolean usesOci() {
    return repoURL != null && repoURL.startsWith(OCI_PREFIX);
  }

  @JsonProperty("repoURL")
  public String getRepoURL() {
    return repoURL;
  }

  @JsonProperty("repoURL")
  public void setRepoURL(String repoURL) {
    this.repoURL = repoURL;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getChart() {
    return chart;
  }

  public void setChart(String chart) {
    this.chart = chart;
  }

  public String getReleaseName() {
    return releaseName;
  }

  public void setReleaseName(String releaseName) {
    this.releaseName = releaseName;
  }
}
