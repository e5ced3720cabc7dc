package dev.dpf.dpfctl.source;

/**
 * A kind dpfctl lists.
 *
 * @param group API group ("" for the core group)
 * @param version API version
 * @param kind kind, e.g. {@code DPUService}
 * @param plural resource name, e.g. {@code dpuservices}
 * @param namespaced whether objects live in namespaces
 */
public record ResourceKind(String group, String version, String kind, String plural, boolean namespaced) {

  /** {@code group/version}, or {@code version} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  @Override
  public String toString() {
    return plural + (group.isEmpty() ? "" : "." + group);
  }
}
