package dev.dpf.dpfctl.tree;

import dev.dpf.dpfctl.source.Plurals;
import java.util.Locale;

/** The kind / kind/name filters of {@code --show-resources}, {@code --show-conditions}, {@code --expand-resources}. */
public final class Filters {

  private Filters() {}

  /**
   * Whether an object matches a filter: a comma list (case-insensitive) of {@code all}, kinds (singular or plural)
   * or {@code kind/name} (exact name).
   */
  public static boolean matches(String kind, String name, String filter) {
    if (filter == null || filter.isEmpty()) {
      return false;
    }
    for (String entry : filter.toLowerCase(Locale.ROOT).split(",")) {
      String f = entry.trim();
      if (f.isEmpty()) {
        continue;
      }
      if (f.equalsIgnoreCase(TreeOptions.ALL)) {
        return true;
      }
      String[] kn = f.split("/", -1);
      if (kn.length == 2) {
        if (Plurals.sameKind(kind, kn[0]) && name.equals(kn[1])) {
          return true;
        }
        continue;
      }
      if (Plurals.sameKind(kind, kn[0])) {
        return true;
      }
    }
    return false;
  }

  /** Whether objects of {@code kind} are shown at all ({@code --show-resources} kind part). */
  public static boolean showsKind(String filter, String kind) {
    if (filter == null || filter.isEmpty() || filter.equals(TreeOptions.ALL)) {
      return true;
    }
    for (String entry : filter.split(",")) {
      String testKind = entry.trim();
      String[] kn = testKind.split("/", -1);
      if (kn.length == 2) {
        testKind = kn[0];
      }
      if (Plurals.sameKind(kind, testKind)) {
        return true;
      }
    }
    return false;
  }
}
