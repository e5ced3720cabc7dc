package dev.dpf.dpuservice.dpudeployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resource fitting (reference dpuservice.md 12.6): {@code dpuResources − systemReservedResources − Σ template
 * resourceRequirements ≥ 0} per resource. Pure; deficits are listed sorted by resource name.
 */
public final class ResourceFitting {

  /** Message prefix of a deficit (two spaces before "Additional", as upstream). */
  public static final String NOT_ENOUGH = "there are not enough resources for DPUServices to fit in this "
      + "DPUDeployment:  Additional resources needed: ";
  public static final String CANNOT_CALCULATE = "can't calculate available DPU resources: ";

  private ResourceFitting() {}

  /**
   * Checks the fit. Returns null when the services fit (or the flavor has no {@code dpuResources}), else the error
   * message (without the {@code Error occurred: } prefix).
   */
  public static String check(Map<String, IntOrString> dpuResources, Map<String, IntOrString> systemReserved,
      Collection<Map<String, IntOrString>> requirements) {
    if (dpuResources == null) {
      return null;
    }
    Map<String, Quantities.Value> available;
    try {
      available = available(dpuResources, systemReserved);
    } catch (IllegalArgumentException e) {
      return CANNOT_CALCULATE + e.getMessage();
    }
    Map<String, Quantities.Value> requested = new TreeMap<>();
    try {
      for (Map<String, IntOrString> req : requirements) {
        if (req == null) {
          continue;
        }
        req.forEach((name, value) -> requested.merge(name, Quantities.parse(value), Quantities.Value::plus));
      }
    } catch (IllegalArgumentException e) {
      return "invalid resourceRequirements in a DPUServiceTemplate: " + e.getMessage();
    }
    List<String> deficits = new ArrayList<>();
    requested.forEach((name, amount) -> {
      Quantities.Value left = available.getOrDefault(name, Quantities.zero()).minus(amount);
      if (left.signum() < 0) {
        deficits.add(name + ": " + left.negate());
      }
    });
    return deficits.isEmpty() ? null : NOT_ENOUGH + "[" + String.join(" ", deficits) + "]";
  }

  /** dpuResources − systemReservedResources; throws with the negative entries when the reservation does not fit. */
  static Map<String, Quantities.Value> available(Map<String, IntOrString> dpuResources,
      Map<String, IntOrString> systemReserved) {
    Map<String, Quantities.Value> available = new TreeMap<>();
    dpuResources.forEach((name, value) -> available.put(name, Quantities.parse(value)));
    if (systemReserved != null) {
      systemReserved.forEach((name, value) ->
          available.merge(name, Quantities.parse(value).negate(), Quantities.Value::plus));
    }
    List<String> negative = new ArrayList<>();
    available.forEach((name, left) -> {
      if (left.signum() < 0) {
        negative.add(name + ": " + left.negate());
      }
    });
    if (!negative.isEmpty()) {
      throw new IllegalArgumentException("systemReservedResources exceed dpuResources by [" + String.join(" ", negative)
          + "]");
    }
    return available;
  }
}
