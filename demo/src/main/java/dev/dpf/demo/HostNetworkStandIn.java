package dev.dpf.demo;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STAND-IN for the host agent where real host networking is not possible (not root, no {@code ip netns}): when a DPU
 * reaches {@code Host Network Configuration}, writes the condition the agent would write
 * ({@code HostNetworkConfigured=True}, field manager {@code dpu-agent}, the DPU's generation), saying in its message
 * that nothing was configured.
 */
final class HostNetworkStandIn implements AutoCloseable {

  static final String MESSAGE = "stand-in: nothing was configured on the host (no VFs, no bridge); the real host "
      + "agent does this on a host";

  private static final Logger LOG = LoggerFactory.getLogger(HostNetworkStandIn.class);

  static final String FAILURE_MESSAGE = "stand-in: bridge br-dpu does not exist (it is prepared on the host before "
      + "DPF, e.g. with netplan) (injected failure)";

  private final KubernetesClient client;
  private final String failingNode;
  private SharedIndexInformer<GenericKubernetesResource> dpus;

  /** {@code failingNode}: a host whose DPU gets {@code HostNetworkConfigured=False} (injected failure), or null. */
  HostNetworkStandIn(KubernetesClient client, String failingNode) {
    this.client = client;
    this.failingNode = failingNode;
  }

  HostNetworkStandIn start(String namespace) {
    dpus = client.genericKubernetesResources(ApiVersions.PROVISIONING, "DPU").inNamespace(namespace)
        .inform(new SchedulerStandIn.Handler<>(this::onChange));
    return this;
  }

  private void onChange(GenericKubernetesResource dpu) {
    if (dpu.getMetadata().getDeletionTimestamp() != null
        || !DPUPhase.HOST_NETWORK_CONFIGURATION.value().equals(StatusWriter.statusString(dpu, "phase"))) {
      return;
    }
    Long generation = dpu.getMetadata().getGeneration();
    boolean fail = failingNode != null && dpu.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
        && failingNode.equals(spec.get("nodeName"));
    Map<String, Object> current = StatusWriter.condition(dpu, DPU.CONDITION_HOST_NETWORK_CONFIGURED);
    if (current != null && String.valueOf(!fail).equalsIgnoreCase(String.valueOf(current.get("status")))
        && Objects.equals(String.valueOf(generation), String.valueOf(current.get("observedGeneration")))) {
      return;
    }
    try {
      StatusWriter.apply(client, dpu, Map.of("conditions", List.of(StatusWriter.condition(
          DPU.CONDITION_HOST_NETWORK_CONFIGURED, !fail, fail ? "Error" : DPU.CONDITION_HOST_NETWORK_CONFIGURED,
          fail ? FAILURE_MESSAGE : MESSAGE, generation))), "dpu-agent");
      LOG.atInfo().addKeyValue("dpu", dpu.getMetadata().getName()).log("HostNetworkConfigured written (stand-in)");
    } catch (KubernetesClientException e) {
      LOG.atWarn().addKeyValue("dpu", dpu.getMetadata().getName()).addKeyValue("error", e.getMessage())
          .log("cannot write HostNetworkConfigured (stand-in); the next DPU event retries");
    }
  }

  @Override
  public void close() {
    if (dpus != null) {
      dpus.close();
    }
  }
}
