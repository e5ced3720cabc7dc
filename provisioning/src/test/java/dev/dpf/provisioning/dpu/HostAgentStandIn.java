package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the host network agent ({@code dpu-agent --mode=host}, one per host): for a DPU in phase
 * {@code Host Network Configuration} (or later) it reports {@code HostNetworkConfigured=True} for the DPU's current
 * generation, the way the agent does (server-side apply, field manager {@code dpu-agent}, only that condition). The
 * real agent runs in {@code DpuHostAgentTest}. Hosts can be held back ({@link #hold}) to test the waiting.
 */
final class HostAgentStandIn implements AutoCloseable {

  private final KubernetesClient client;
  private final SharedIndexInformer<DPU> informer;
  private final Set<String> held = ConcurrentHashMap.newKeySet();

  HostAgentStandIn(KubernetesClient client, String namespace) {
    this.client = client;
    this.informer = client.resources(DPU.class).inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(DPU dpu) {
        handle(dpu);
      }

      @Override
      public void onUpdate(DPU old, DPU dpu) {
        handle(dpu);
      }

      @Override
      public void onDelete(DPU dpu, boolean unknown) {}
    });
  }

  /** No report for DPUs on {@code node} until {@link #release}. */
  void hold(String node) {
    held.add(node);
  }

  void release(String node) {
    held.remove(node);
    informer.getStore().list().forEach(this::handle);
  }

  private void handle(DPU dpu) {
    DPUStatus status = dpu.getStatus();
    if (status == null || status.getPhase() == null || dpu.getMetadata().getDeletionTimestamp() != null
        || held.contains(dpu.getSpec().getNodeName())) {
      return;
    }
    DPUPhase phase = status.getPhase();
    if (phase != DPUPhase.HOST_NETWORK_CONFIGURATION && phase != DPUPhase.DPU_CLUSTER_CONFIG
        && phase != DPUPhase.READY) {
      return;
    }
    Long generation = dpu.getMetadata().getGeneration();
    boolean reported = status.getConditions() != null && status.getConditions().stream().anyMatch(c ->
        DPU.CONDITION_HOST_NETWORK_CONFIGURED.equals(c.getType()) && "True".equals(c.getStatus())
            && Objects.equals(c.getObservedGeneration(), generation));
    if (reported) {
      return;
    }
    Condition condition = new ConditionBuilder().withType(DPU.CONDITION_HOST_NETWORK_CONFIGURED).withStatus("True")
        .withReason(DPU.CONDITION_HOST_NETWORK_CONFIGURED)
        .withMessage("VFs: ens1f0np0 (0000:4b:00.0) 16; VF0 ens1f0v0 attached to bridge br-dpu, MTU 1500, up")
        .withObservedGeneration(generation)
        .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).build();
    DPU patch = new DPU();
    patch.setMetadata(new ObjectMetaBuilder().withName(dpu.getMetadata().getName())
        .withNamespace(dpu.getMetadata().getNamespace()).build());
    DPUStatus s = new DPUStatus();
    s.setConditions(List.of(condition));
    patch.setStatus(s);
    try {
      client.resource(patch).subresource("status").patch(new PatchContext.Builder()
          .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("dpu-agent").withForce(true).build());
    } catch (KubernetesClientException e) {
      // deleted meanwhile: nothing to report
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
