package dev.dpf.dpuservice.dpudeployment;

import dev.dpf.api.svc.v1alpha1.DPUDeploymentServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentServiceDependency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The order in which a DPUDeployment's services are generated (reference dpuservice.md 12.9): topological over
 * {@code dependsOn} (dependency before dependent), ties broken by name so the order is stable.
 */
public final class ServiceOrder {

  private ServiceOrder() {}

  /** Sorted service keys; throws IllegalArgumentException with upstream's messages for invalid graphs. */
  public static List<String> sort(Map<String, DPUDeploymentServiceConfiguration> services) {
    Map<String, TreeSet<String>> deps = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, DPUDeploymentServiceConfiguration> e : new TreeMap<>(services).entrySet()) {
      TreeSet<String> set = new TreeSet<>();
      List<DPUDeploymentServiceDependency> dependsOn = e.getValue() == null ? null : e.getValue().getDependsOn();
      if (dependsOn != null) {
        for (DPUDeploymentServiceDependency d : dependsOn) {
          String name = d == null ? null : d.getName();
          if (e.getKey().equals(name)) {
            errors.add("service " + e.getKey() + " cannot depend on itself");
          } else if (name == null || !services.containsKey(name)) {
            errors.add("service " + e.getKey() + " depends on " + name + " which is not defined in the DPUDeployment");
          } else {
            set.add(name);
          }
        }
      }
      deps.put(e.getKey(), set);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join(", ", errors));
    }
    List<String> order = new ArrayList<>();
    TreeSet<String> ready = new TreeSet<>();
    deps.forEach((k, v) -> {
      if (v.isEmpty()) {
        ready.add(k);
      }
    });
    Map<String, TreeSet<String>> remaining = new TreeMap<>();
    deps.forEach((k, v) -> remaining.put(k, new TreeSet<>(v)));
    while (!ready.isEmpty()) {
      String next = ready.pollFirst();
      order.add(next);
      remaining.remove(next);
      remaining.forEach((k, v) -> {
        if (v.remove(next) && v.isEmpty()) {
          ready.add(k);
        }
      });
    }
    if (!remaining.isEmpty()) {
      throw new IllegalArgumentException("failed to sort Service: cycle detected among " + remaining.keySet());
    }
    return order;
  }
}
