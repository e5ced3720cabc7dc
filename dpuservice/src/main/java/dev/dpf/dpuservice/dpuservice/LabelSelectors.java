package dev.dpf.dpuservice.dpuservice;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Kubernetes label-selector semantics ({@code matchLabels} and {@code matchExpressions} ANDed). Pure. */
public final class LabelSelectors {

  private LabelSelectors() {}

  /** A null selector selects everything; an empty one too (as {@code metav1.LabelSelectorAsSelector}). */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(l.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        boolean present = l.containsKey(r.getKey());
        boolean ok = switch (r.getOperator() == null ? "" : r.getOperator()) {
          case "In" -> present && values.contains(l.get(r.getKey()));
          case "NotIn" -> !present || !values.contains(l.get(r.getKey()));
          case "Exists" -> present;
          case "DoesNotExist" -> !present;
          default -> false;
        };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }
}
