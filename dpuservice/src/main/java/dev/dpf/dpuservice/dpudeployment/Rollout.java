package dev.dpf.dpuservice.dpudeployment;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentDPUSet;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.api.common.DpfStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the service and chain steps found, for the DPUSet step: the node label of every current revision and whether
 * a disruptive rollout is pending ({@code applyOnLabelChange}).
 */
final class Rollout {

  final Map<String, String> versionLabels = new TreeMap<>();
  boolean disruptivePending;

  /**
   * Whether the rollout of {@code labelKey=value} is done: every DPUSet of the DPUDeployment carries it in its node
   * labels and is Ready for its current generation.
   */
  static boolean done(DPUDeployment dep, List<DPUSet> dpuSets, String labelKey, String value) {
    List<DPUDeploymentDPUSet> wanted = dep.getSpec().getDpus().getDpuSets();
    if (wanted == null) {
      return true;
    }
    for (DPUDeploymentDPUSet w : wanted) {
      String name = DPUDeployment.dpuSetName(dep.getMetadata().getName(), w.getNameSuffix());
      DPUSet set = dpuSets.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElse(null);
      if (set == null || set.getSpec() == null || set.getSpec().getDpuTemplate() == null
          || set.getSpec().getDpuTemplate().getSpec() == null
          || set.getSpec().getDpuTemplate().getSpec().getCluster() == null
          || set.getSpec().getDpuTemplate().getSpec().getCluster().getNodeLabels() == null
          || !value.equals(set.getSpec().getDpuTemplate().getSpec().getCluster().getNodeLabels().get(labelKey))
          || !ready(set, DPUSet::getStatus)) {
        return false;
      }
    }
    return true;
  }

  /** Ready=True for the object's current generation. */
  static <T extends HasMetadata> boolean ready(T obj, Function<T, ? extends DpfStatus> status) {
    DpfStatus s = status.apply(obj);
    return s != null && StatusConditions.isTrue(s, Conditions.READY)
        && (s.getObservedGeneration() == null
            || Objects.equals(s.getObservedGeneration(), obj.getMetadata().getGeneration()));
  }
}
