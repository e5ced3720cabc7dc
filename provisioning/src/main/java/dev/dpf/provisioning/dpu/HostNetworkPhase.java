package dev.dpf.provisioning.dpu;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Host Network Configuration} (reference 8.3, 9.9): creates the upstream-compatible {@code <dpu>-hostnetwork}
 * pod and waits for the host network agent ({@code dpu-agent --mode=host}) to report {@code HostNetworkConfigured=True}
 * for the DPU's current generation (the agent's status write wakes the DPU). The agent's condition is never written
 * here (the status patch leaves it out).
 */
final class HostNetworkPhase implements Phase {

  @Override
  public DPUPhase phase() {
    return DPUPhase.HOST_NETWORK_CONFIGURATION;
  }

  @Override
  public Step handle(DpuPass p) {
    if (p.svc.watches.pod(p.namespace(), DpuObjects.hostNetworkPodName(p.dpu)).isEmpty()) {
      if (!p.svc.settings.ready()) {
        return Step.recheckAfter(p.svc.options.waitInterval());
      }
      try {
        p.svc.resources.create(DmsPods.hostNetworkPod(p));
      } catch (DpuActionException e) {
        return p.error(DPU.CONDITION_HOST_NETWORK_READY, DPU.REASON_ERROR_OCCURED, e.getMessage());
      }
    }
    Optional<Condition> agent = p.condition(DPU.CONDITION_HOST_NETWORK_CONFIGURED);
    boolean current = agent.isPresent() && Objects.equals(agent.get().getObservedGeneration(), p.generation());
    if (current && Conditions.TRUE.equals(agent.get().getStatus())) {
      p.setTrue(DPU.CONDITION_HOST_NETWORK_READY, DPU.MESSAGE_WAITING_FOR_DPU_JOINING_CLUSTER);
      return Step.next(DPUPhase.DPU_CLUSTER_CONFIG);
    }
    String message = current && agent.get().getMessage() != null && !agent.get().getMessage().isEmpty()
        ? agent.get().getMessage()
        : "waiting for the host network agent on node " + p.nodeName() + " to configure the host network";
    p.setFalse(DPU.CONDITION_HOST_NETWORK_READY, DPU.REASON_INITIALIZING, message);
    return Step.waitForEvent();
  }
}
