package dev.dpf.servicechain.mirror;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Kubernetes label-selector semantics (metav1.LabelSelectorAsSelector) evaluated in memory. */
public final class LabelSelectors {

  private LabelSelectors() {}

  /**
   * True when {@code labels} satisfy {@code selector}. A null selector matches everything (the "absent means all"
   * rule of nodeSelector and dpuClusterSelector); an empty selector matches everything too.
   *
   * @throws IllegalArgumentException for an unknown operator or values that do not fit the operator
   */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(actual.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        if (!matches(r, actual)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
    String op = r.getOperator() == null ? "" : r.getOperator();
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    boolean has = labels.containsKey(r.getKey());
    return switch (op) {
      case "In" -> {
        requireValues(r, values, true);
        yield has && values.contains(labels.get(r.getKey()));
      }
      case "NotIn" -> {
        requireValues(r, values, true);
        yield !has || !values.contains(labels.get(r.getKey()));
      }
      case "Exists" -> {
        requireValues(r, values, false);
        yield has;
      }
      case "DoesNotExist" -> {
        requireValues(r, values, false);
        yield !has;
      }
      default -> throw new IllegalArgumentException("label selector key " + r.getKey() + ": \"" + op
          + "\" is not a valid label selector operator");
    };
  }

  private static void requireValues(LabelSelectorRequirement r, List<String> values, boolean nonEmpty) {
    if (nonEmpty && values.isEmpty()) {
      throw new IllegalArgumentException("label selector key " + r.getKey() + ": values must be non-empty for "
          + "operator " + r.getOperator());
    }
    if (!nonEmpty && !values.isEmpty()) {
      throw new IllegalArgumentException("label selector key " + r.getKey() + ": values must be empty for "
          + "operator " + r.getOperator());
    }
  }
}
