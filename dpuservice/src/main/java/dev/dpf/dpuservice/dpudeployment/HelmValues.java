package dev.dpf.dpuservice.dpudeployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm's value coalescing ({@code chartutil.CoalesceTables}), dst authoritative: keys only in src are copied, maps
 * present on both sides are merged recursively, anything else keeps the dst value (lists are atomic; a map on one
 * side and a scalar on the other keeps dst). A {@code null} in dst removes the key (Helm's "set to null deletes");
 * remaining nulls are dropped. Inputs are not modified.
 */
public final class HelmValues {

  private HelmValues() {}

  /** The coalesced values; null when both are null. */
  public static Map<String, Object> coalesce(Map<String, Object> dst, Map<String, Object> src) {
    if (dst == null && src == null) {
      return null;
    }
    if (dst == null) {
      return deepCopy(src);
    }
    Map<String, Object> out = deepCopy(dst);
    if (src != null) {
      merge(out, src);
    }
    stripNulls(out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void stripNulls(Map<String, Object> map) {
    map.entrySet().removeIf(e -> e.getValue() == null);
    map.values().forEach(v -> {
      if (v instanceof Map<?, ?> m) {
        stripNulls((Map<String, Object>) m);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> dst, Map<String, Object> src) {
    for (Map.Entry<String, Object> e : src.entrySet()) {
      String key = e.getKey();
      Object s = e.getValue();
      if (!dst.containsKey(key)) {
        dst.put(key, copy(s));
        continue;
      }
      Object d = dst.get(key);
      if (d instanceof Map<?, ?> dm && s instanceof Map<?, ?> sm) {
        merge((Map<String, Object>) dm, (Map<String, Object>) sm);
      }
      // otherwise dst wins (scalars, lists, table vs non-table, dst null = delete)
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopy(Map<String, Object> map) {
    return (Map<String, Object>) copy(map);
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }
}
