package dev.dpf.provisioning.dpuset;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.provisioning.v1alpha1.DPUSetSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUSetStrategyType;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateSpec;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import dev.dpf.common.status.StatusConditions;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The DPUSet algorithm (reference 6.5–6.7, quirk Q4 fixed) as a pure function from the DPUSet, the Nodes and the
 * owned DPUs to a {@link DpuSetPlan}.
 *
 * <p>DPUs are keyed by name; the desired set is every (selected Node, selected DPU index) pair, so hosts with several
 * DPUs keep all of them. The rolling update counts <em>hosts</em>: {@code maxUnavailable} is scaled against the
 * selected Nodes that host a selected DPU (rounding up, clamped to 1..total) and a host is unavailable while any
 * of its selected DPUs is missing, not Ready or being deleted. For single-DPU hosts this is exactly upstream's
 * arithmetic; on multi-DPU hosts the DPUs of one host are replaced within the same disruption.
 */
public final class DpuSetPlanner {

  /** Upstream's node-effect exclusivity message (reference 6.2). */
  public static final String NODE_EFFECT_EXCLUSIVE =
      "nodeEffect can only be one of \"taint\", \"noEffect\" , \"drain\" and \"customLabel\"";

  private DpuSetPlanner() {}

  /**
   * @param nodes every Node in the cluster (from the informer cache)
   * @param owned every DPU labelled as belonging to the DPUSet
   * @param pendingCreates names of DPUs this controller created that the cache does not show yet
   * @param pendingDeletes UIDs of DPUs this controller deleted that the cache still shows as live
   */
  public static DpuSetPlan plan(DPUSet set, List<Node> nodes, List<DPU> owned, Set<String> pendingCreates,
      Set<String> pendingDeletes) {
    String specError = validate(set.getSpec());
    if (specError != null) {
      return DpuSetPlan.invalid(specError);
    }
    DPUSetSpec spec = set.getSpec();
    DPUTemplateSpec template = spec.getDpuTemplate().getSpec();

    Map<String, DpuSetPlan.Desired> desired = new LinkedHashMap<>();
    List<DpuSetPlan.BuildError> buildErrors = new ArrayList<>();
    SortedMap<String, SortedSet<String>> hosts = new TreeMap<>();
    Set<String> errorNodes = new TreeSet<>();
    nodes.stream()
        .filter(n -> n.getMetadata().getDeletionTimestamp() == null)
        .filter(n -> selected(spec, n))
        .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
        .forEach(node -> {
          String nodeName = node.getMetadata().getName();
          for (int index : DpuTemplating.indices(spec.getDpuSelector(), node.getMetadata().getLabels())) {
            SortedSet<String> onHost = hosts.computeIfAbsent(nodeName, k -> new TreeSet<>());
            try {
              DPU dpu = DpuTemplating.build(set, node, index);
              desired.putIfAbsent(dpu.getMetadata().getName(), new DpuSetPlan.Desired(nodeName, index, dpu));
              onHost.add(dpu.getMetadata().getName());
            } catch (DpuTemplating.BuildException e) {
              buildErrors.add(new DpuSetPlan.BuildError(nodeName, index, e.getMessage()));
              errorNodes.add(nodeName);
            }
          }
        });

    Map<String, DPU> existing = new TreeMap<>();
    owned.forEach(d -> existing.put(d.getMetadata().getName(), d));

    List<DPU> toCreate = desired.values().stream()
        .filter(d -> !existing.containsKey(d.dpu().getMetadata().getName()))
        .filter(d -> !pendingCreates.contains(d.dpu().getMetadata().getName()))
        .map(DpuSetPlan.Desired::dpu)
        .toList();
    List<DPU> stale = existing.values().stream()
        .filter(d -> !desired.containsKey(d.getMetadata().getName()))
        .filter(d -> !deleting(d, pendingDeletes))
        .filter(d -> d.getSpec() == null || !errorNodes.contains(d.getSpec().getNodeName()))
        .toList();

    if (set.effectiveStrategyType() != DPUSetStrategyType.ROLLING_UPDATE) {
      return new DpuSetPlan(null, desired, buildErrors, toCreate, stale, Map.of(), List.of(), null, hosts.size(), 0,
          0);
    }

    Map<String, Map<String, String>> labelSync = new TreeMap<>();
    Map<String, String> templateLabels = template.getCluster() == null ? null : template.getCluster().getNodeLabels();
    for (String name : desired.keySet()) {
      DPU dpu = existing.get(name);
      if (dpu != null && !deleting(dpu, pendingDeletes) && templateLabels != null) {
        Map<String, String> missing = missingLabels(dpu, templateLabels);
        if (!missing.isEmpty()) {
          labelSync.put(name, missing);
        }
      }
    }

    int total = hosts.size();
    int max;
    try {
      max = maxUnavailable(spec.getStrategy().getRollingUpdate() == null ? null
          : spec.getStrategy().getRollingUpdate().getMaxUnavailable(), total);
    } catch (IllegalArgumentException e) {
      return new DpuSetPlan(null, desired, buildErrors, toCreate, stale, labelSync, List.of(), e.getMessage(), total,
          0, 0);
    }
    Set<String> unavailableHosts = new TreeSet<>(errorNodes);
    hosts.forEach((node, names) -> {
      for (String name : names) {
        DPU dpu = existing.get(name);
        if (dpu == null || unavailable(dpu, pendingDeletes)) {
          unavailableHosts.add(node);
        }
      }
    });
    List<DPU> rollingDeletes = new ArrayList<>();
    hosts.forEach((node, names) -> {
      for (String name : names) {
        DPU dpu = existing.get(name);
        if (dpu == null || deleting(dpu, pendingDeletes) || !outdated(dpu, template)) {
          continue;
        }
        if (unavailableHosts.contains(node)) {
          rollingDeletes.add(dpu);
        } else if (unavailableHosts.size() < max) {
          rollingDeletes.add(dpu);
          unavailableHosts.add(node);
        }
      }
    });
    return new DpuSetPlan(null, desired, buildErrors, toCreate, stale, labelSync, rollingDeletes, null, total, max,
        unavailableHosts.size());
  }

  /** Is the Node selected by {@code nodeSelector} and {@code dpuNodeSelector} (each when given; none = all)? */
  static boolean selected(DPUSetSpec spec, Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return (spec.getNodeSelector() == null || LabelSelectors.matches(spec.getNodeSelector(), labels))
        && (spec.getDpuNodeSelector() == null || LabelSelectors.matches(spec.getDpuNodeSelector(), labels));
  }

  /** Why the DPUSet cannot be acted on, or null. */
  static String validate(DPUSetSpec spec) {
    if (spec == null) {
      return "spec is required";
    }
    String selectorError = selectorError("spec.nodeSelector", spec.getNodeSelector());
    if (selectorError == null) {
      selectorError = selectorError("spec.dpuNodeSelector", spec.getDpuNodeSelector());
    }
    if (selectorError != null) {
      return selectorError;
    }
    if (spec.getDpuDeviceSelector() != null) {
      return "spec.dpuDeviceSelector selects DPUDevice objects, which this release does not have; use "
          + "spec.dpuSelector";
    }
    if (spec.getDpuTemplate() == null || spec.getDpuTemplate().getSpec() == null) {
      return "spec.dpuTemplate.spec is required";
    }
    DPUTemplateSpec t = spec.getDpuTemplate().getSpec();
    if (t.getBfb() == null || t.getBfb().getName() == null || t.getBfb().getName().isEmpty()) {
      return "spec.dpuTemplate.spec.bfb.name is required";
    }
    NodeEffect effect = t.getNodeEffect();
    if (effect != null) {
      if (!effect.drainShapeValid()) {
        return "spec.dpuTemplate.spec.nodeEffect.drain must be a boolean or an object {automaticNodeReboot: "
            + "<boolean>}";
      }
      if (effect.getDrain() != null && !effect.getDrain().isNull() && otherEffectSet(effect)) {
        return NODE_EFFECT_EXCLUSIVE;
      }
    }
    return null;
  }

  private static boolean otherEffectSet(NodeEffect e) {
    return e.getTaint() != null || e.getNoEffect() != null || e.getCustomLabel() != null
        || e.getCustomAction() != null || e.getHold() != null;
  }

  private static String selectorError(String field, LabelSelector selector) {
    try {
      LabelSelectors.validate(selector);
      return null;
    } catch (IllegalArgumentException e) {
      return "invalid " + field + ": " + e.getMessage();
    }
  }

  /**
   * {@code maxUnavailable} scaled against {@code total} hosts (reference 6.7): absent → 0, an integer as is, a
   * percentage rounded up; then {@code <= 0 → 1}, {@code > total → total}.
   *
   * @throws IllegalArgumentException for a string that is not a percentage
   */
  public static int maxUnavailable(IntOrString value, int total) {
    int scaled;
    if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
      scaled = 0;
    } else if (value.getIntVal() != null) {
      scaled = value.getIntVal();
    } else {
      String s = value.getStrVal();
      if (!s.endsWith("%")) {
        throw new IllegalArgumentException("invalid value for maxUnavailable \"" + s + "\": string is not a "
            + "percentage");
      }
      int percent;
      try {
        percent = Integer.parseInt(s.substring(0, s.length() - 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid value for maxUnavailable \"" + s + "\": " + e.getMessage());
      }
      scaled = (int) Math.ceil(percent * (double) total / 100.0);
    }
    if (scaled <= 0) {
      return 1;
    }
    return Math.min(scaled, total);
  }

  /** Outdated DPUs are replaced by the rolling update: a different BFB or DPUFlavor than the template (6.7). */
  static boolean outdated(DPU dpu, DPUTemplateSpec template) {
    return !Objects.equals(dpu.getSpec().getBfb(), template.getBfb().getName())
        || !Objects.equals(dpu.getSpec().getDpuFlavor(), template.getDpuFlavor());
  }

  /** A DPU is available when its Ready condition is True and it is not being deleted. */
  static boolean unavailable(DPU dpu, Set<String> pendingDeletes) {
    return deleting(dpu, pendingDeletes) || !StatusConditions.find(dpu.getStatus(), Conditions.READY)
        .map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
  }

  static boolean deleting(DPU dpu, Set<String> pendingDeletes) {
    return dpu.getMetadata().getDeletionTimestamp() != null || pendingDeletes.contains(dpu.getMetadata().getUid());
  }

  private static Map<String, String> missingLabels(DPU dpu, Map<String, String> templateLabels) {
    Map<String, String> current = dpu.getSpec() == null || dpu.getSpec().getCluster() == null
        || dpu.getSpec().getCluster().getNodeLabels() == null ? Map.of() : dpu.getSpec().getCluster().getNodeLabels();
    Map<String, String> missing = new TreeMap<>();
    templateLabels.forEach((k, v) -> {
      if (!v.equals(current.get(k))) {
        missing.put(k, v);
      }
    });
    return missing;
  }
}
