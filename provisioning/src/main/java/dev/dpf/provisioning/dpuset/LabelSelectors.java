package dev.dpf.provisioning.dpuset;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes {@code metav1.LabelSelector} semantics ({@code LabelSelectorAsSelector}): {@code matchLabels} and
 * every {@code matchExpressions} requirement must hold; operators {@code In}, {@code NotIn}, {@code Exists},
 * {@code DoesNotExist}. A null selector is handled by the caller (DPUSet: all Nodes); an empty one matches all.
 */
public final class LabelSelectors {

  private LabelSelectors() {}

  /** Throws {@link IllegalArgumentException} with a user-facing message when the selector is not valid. */
  public static void validate(LabelSelector selector) {
    if (selector == null || selector.getMatchExpressions() == null) {
      return;
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      String op = r.getOperator();
      List<String> values = r.getValues() == null ? List.of() : r.getValues();
      if (r.getKey() == null || r.getKey().isEmpty()) {
        throw new IllegalArgumentException("matchExpressions: key must be non-empty");
      }
      if ("In".equals(op) || "NotIn".equals(op)) {
        if (values.isEmpty()) {
          throw new IllegalArgumentException("matchExpressions[" + r.getKey() + "]: for 'in', 'notin' operators, "
              + "values set can't be empty");
        }
      } else if ("Exists".equals(op) || "DoesNotExist".equals(op)) {
        if (!values.isEmpty()) {
          throw new IllegalArgumentException("matchExpressions[" + r.getKey() + "]: values set must be empty for "
              + "exists and does not exist");
        }
      } else {
        throw new IllegalArgumentException("matchExpressions[" + r.getKey() + "]: \"" + op
            + "\" is not a valid label selector operator");
      }
    }
  }

  /** Does {@code labels} satisfy {@code selector}? The selector must be valid ({@link #validate}). */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    if (selector == null) {
      return true;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(l.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        if (!matches(r, l)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    boolean has = labels.containsKey(r.getKey());
    return switch (r.getOperator()) {
      case "In" -> has && values.contains(labels.get(r.getKey()));
      case "NotIn" -> !has || !values.contains(labels.get(r.getKey()));
      case "Exists" -> has;
      case "DoesNotExist" -> !has;
      default -> false;
    };
  }
}
