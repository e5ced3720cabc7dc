package dev.dpf.operator.config;

/**
 * A Helm chart string {@code <repoURL>/<chart>:<version>} split as upstream does (reference §4.2): the version after
 * the last {@code :}, the chart name after the last {@code /} before it; the repository URL must start with
 * {@code oci://} or {@code https://}. Example: {@code oci://ghcr.io/nvidia/dpu-networking:v24.10.0} →
 * {@code oci://ghcr.io/nvidia}, {@code dpu-networking}, {@code v24.10.0}.
 */
public record HelmChartSource(String repoURL, String chart, String version) {

  public static HelmChartSource parse(String source) {
    if (source == null || !(source.startsWith("oci://") || source.startsWith("https://"))) {
      throw invalid(source);
    }
    int colon = source.lastIndexOf(':');
    int scheme = source.indexOf("://");
    if (colon <= scheme + 2 || colon == source.length() - 1) {
      throw invalid(source);
    }
    String path = source.substring(0, colon);
    int slash = path.lastIndexOf('/');
    if (slash <= scheme + 2 || slash == path.length() - 1) {
      throw invalid(source);
    }
    String version = source.substring(colon + 1);
    if (version.contains("/")) {
      throw invalid(source);
    }
    return new HelmChartSource(path.substring(0, slash), path.substring(slash + 1), version);
  }

  private static IllegalArgumentException invalid(String source) {
    return new IllegalArgumentException("failed to parse helm chart source: invalid format " + source);
  }
}
