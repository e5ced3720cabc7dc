package dev.dpf.dpfctl.tree;

/**
 * The {@code describe} flags that shape the tree.
 *
 * @param showResources {@code --show-resources}: comma list of kinds or kind/name; "" means all
 * @param showConditions {@code --show-conditions}: comma list of kinds or kind/name, or {@code all}
 * @param expandResources {@code --expand-resources}: kinds or kind/name to expand (DPUServices to Applications)
 * @param grouping {@code --grouping}: merge Ready siblings into "N Kinds..." rows
 */
public record TreeOptions(String showResources, String showConditions, String expandResources, boolean grouping) {

  public static final String ALL = "all";

  public TreeOptions {
    showResources = showResources == null || showResources.isEmpty() ? ALL : showResources;
    showConditions = showConditions == null ? "" : showConditions;
    expandResources = expandResources == null ? "" : expandResources;
  }

  /** Defaults of the flags. */
  public static TreeOptions defaults() {
    return new TreeOptions("", "", "", true);
  }

  /** Whether every condition is listed in conditions mode ({@code --show-conditions=all}, literally). */
  public boolean allConditions() {
    return ALL.equals(showConditions);
  }
}
