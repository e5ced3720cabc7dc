package dev.dpf.dpuservice.dpudeployment;

import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentDPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentSwitch;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.api.svc.v1alpha1.Switch;
import dev.dpf.common.events.EventRecorder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The DPUServiceChain of a DPUDeployment (reference dpuservice.md 12.7, 12.10): one revision family governed by
 * {@code spec.serviceChains.upgradePolicy.applyNodeEffect}; none when {@code serviceChains} is absent.
 */
final class ChainStep {

  private final Sources sources;
  private final Children children;
  private final EventRecorder events;
  private final RandomGenerator random;

  ChainStep(Sources sources, Children children, EventRecorder events, RandomGenerator random) {
    this.sources = sources;
    this.children = children;
    this.events = events;
    this.random = random;
  }

  /** Applies the chain; returns the error message or null. Client errors propagate. */
  String run(DPUDeployment dep, Dependencies.Resolved deps, Rollout rollout) {
    List<String> shape = dep.getSpec().serviceChainsErrors();
    if (!shape.isEmpty()) {
      return String.join(", ", shape);
    }
    List<DPUServiceChain> existing = Sources.ownedBy(sources.chains, dep);
    List<DPUDeploymentSwitch> switches = dep.getSpec().switches();
    if (switches.isEmpty()) {
      existing.forEach(children::delete);
      return null;
    }
    List<Switch> resolved;
    try {
      resolved = Generator.switches(dep, switches, deps.configurations());
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    String digest = Generator.chainVersionDigest(resolved);
    boolean disruptive = dep.getSpec().serviceChainsApplyNodeEffect();
    Revisions.Plan<DPUServiceChain> plan = Revisions.plan(existing, ServiceLabels.DPUSERVICECHAIN_VERSION, digest,
        disruptive, dep.getSpec().effectiveRevisionHistoryLimit(),
        () -> Generator.randomName(dep.getMetadata().getName(), random));
    DPUServiceChain current = children.apply(Generator.chain(dep, plan.name(), digest, resolved));
    if (plan.create()) {
      events.normal(dep, "CreatedRevision", "Created DPUServiceChain " + plan.name());
    }
    Set<String> keep = new HashSet<>();
    keep.add(plan.name());
    plan.prune().forEach(children::delete);
    if (plan.upgrading()) {
      List<DPUSet> sets = Sources.ownedBy(sources.dpuSets, dep);
      boolean done = Rollout.ready(current, DPUServiceChain::getStatus)
          && Rollout.done(dep, sets, ServiceLabels.DPUSERVICECHAIN_VERSION, plan.name());
      if (done) {
        plan.old().forEach(children::delete);
      } else {
        plan.old().forEach(o -> keep.add(o.getMetadata().getName()));
        rollout.disruptivePending |= disruptive;
      }
    }
    for (DPUServiceChain c : existing) {
      if (!keep.contains(c.getMetadata().getName()) && !plan.prune().contains(c) && !plan.old().contains(c)) {
        children.delete(c);
      }
    }
    rollout.versionLabels.put(ServiceLabels.DPUSERVICECHAIN_VERSION, plan.name());
    return null;
  }

  /**
   * Applies the DPUSets (12.5) and deletes those no longer generated. Node labels of services whose step failed
   * keep the value the DPUSets already carry, so a failing service does not lose its pods.
   */
  static void dpuSets(DPUDeployment dep, Sources sources, Children children, Rollout rollout,
      Set<String> labelKeys) {
    List<DPUSet> existing = Sources.ownedBy(sources.dpuSets, dep);
    Map<String, String> labels = new java.util.TreeMap<>(rollout.versionLabels);
    for (String key : labelKeys) {
      if (labels.containsKey(key)) {
        continue;
      }
      existing.stream().map(s -> s.getSpec() == null || s.getSpec().getDpuTemplate() == null
              || s.getSpec().getDpuTemplate().getSpec() == null
              || s.getSpec().getDpuTemplate().getSpec().getCluster() == null
              || s.getSpec().getDpuTemplate().getSpec().getCluster().getNodeLabels() == null
              ? null : s.getSpec().getDpuTemplate().getSpec().getCluster().getNodeLabels().get(key))
          .filter(v -> v != null).findFirst().ifPresent(v -> labels.put(key, v));
    }
    Set<String> wanted = new HashSet<>();
    List<DPUDeploymentDPUSet> sets = dep.getSpec().getDpus().getDpuSets();
    if (sets != null) {
      for (DPUDeploymentDPUSet s : sets) {
        DPUSet set = children.apply(Generator.dpuSet(dep, s, labels, rollout.disruptivePending));
        wanted.add(set.getMetadata().getName());
      }
    }
    existing.stream().filter(s -> !wanted.contains(s.getMetadata().getName())).forEach(children::delete);
  }
}
