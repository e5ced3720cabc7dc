package dev.dpf.dpuservice.dpuservice;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes node-selector semantics ({@code requiredDuringSchedulingIgnoredDuringExecution}): terms are ORed, the
 * requirements of a term ANDed; a term without requirements matches nothing; {@code matchFields} supports
 * {@code metadata.name}. Pure.
 */
public final class NodeSelectors {

  private NodeSelectors() {}

  /** Whether a node with {@code name} and {@code labels} is selected; a null selector selects every node. */
  public static boolean matches(NodeSelector selector, String name, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    List<NodeSelectorTerm> terms = selector.getNodeSelectorTerms();
    if (terms == null) {
      return false;
    }
    for (NodeSelectorTerm term : terms) {
      if (matches(term, name, labels == null ? Map.of() : labels)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(NodeSelectorTerm term, String name, Map<String, String> labels) {
    List<NodeSelectorRequirement> expressions = term.getMatchExpressions();
    List<NodeSelectorRequirement> fields = term.getMatchFields();
    boolean noExpressions = expressions == null || expressions.isEmpty();
    boolean noFields = fields == null || fields.isEmpty();
    if (noExpressions && noFields) {
      return false;
    }
    if (!noExpressions) {
      for (NodeSelectorRequirement r : expressions) {
        if (!matches(r, labels.get(r.getKey()), labels.containsKey(r.getKey()))) {
          return false;
        }
      }
    }
    if (!noFields) {
      for (NodeSelectorRequirement r : fields) {
        boolean known = "metadata.name".equals(r.getKey());
        if (!matches(r, known ? name : null, known && name != null)) {
          return false;
        }
      }
    }
    return true;
  }

  static boolean matches(NodeSelectorRequirement r, String value, boolean present) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    String op = r.getOperator() == null ? "" : r.getOperator();
    return switch (op) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt", "Lt" -> present && values.size() == 1 && compare(value, values.get(0), op);
      default -> false;
    };
  }

  private static boolean compare(String value, String bound, String op) {
    try {
      long v = Long.parseLong(value);
      long b = Long.parseLong(bound);
      return "Gt".equals(op) ? v > b : v < b;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
