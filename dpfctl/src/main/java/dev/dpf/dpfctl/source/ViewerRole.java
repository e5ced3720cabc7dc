package dev.dpf.dpfctl.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read-only ClusterRole dpfctl needs: {@code list} on every kind of {@link Kinds#ALL}. The user guide shows it;
 * a test compares the guide with {@link #yaml()} and the API-server test runs dpfctl with only this role.
 */
public final class ViewerRole {

  public static final String NAME = "dpfctl-viewer";

  private ViewerRole() {}

  /** Resources per API group, sorted. */
  public static Map<String, List<String>> resourcesByGroup() {
    Map<String, List<String>> byGroup = new TreeMap<>();
    for (ResourceKind kind : Kinds.ALL) {
      byGroup.computeIfAbsent(kind.group(), g -> new ArrayList<>()).add(kind.plural());
    }
    byGroup.values().forEach(list -> list.sort(null));
    return byGroup;
  }

  /** The ClusterRole manifest. */
  public static String yaml() {
    StringBuilder out = new StringBuilder();
    out.append("apiVersion: rbac.authorization.k8s.io/v1\n")
        .append("kind: ClusterRole\n")
        .append("metadata:\n")
        .append("  name: ").append(NAME).append('\n')
        .append("rules:\n");
    resourcesByGroup().forEach((group, resources) -> out
        .append("- apiGroups: [\"").append(group).append("\"]\n")
        .append("  resources: [").append(String.join(", ", resources)).append("]\n")
        .append("  verbs: [list]\n"));
    return out.toString();
  }
}
