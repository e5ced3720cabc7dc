package dev.dpf.dms;

import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Production {@link DmsEndpoints} (DPF v24.10): the DMS pod {@code <dpu>-dms} in the DPU's namespace runs with host
 * networking, so its pod IP is the host's IP; the address is {@code <pod IP>:9339} once the pod is Running and not
 * being deleted.
 */
@Rbac(group = "", resources = {"pods"}, verbs = {"get"})
public final class DmsPodEndpoints implements DmsEndpoints {

  private final Function<DpuRef, Pod> pods;

  /**
   * @param pods looks up the DMS pod of a DPU ({@link DpuRef#dmsPodName()} in {@link DpuRef#namespace()}), null when
   *     absent; pass an informer-cache lookup where the caller already watches DMS pods
   */
  public DmsPodEndpoints(Function<DpuRef, Pod> pods) {
    this.pods = Objects.requireNonNull(pods);
  }

  /** Reads the pod from the API server on every call. */
  public DmsPodEndpoints(KubernetesClient client) {
    this(dpu -> client.pods().inNamespace(dpu.namespace()).withName(dpu.dmsPodName()).get());
  }

  @Override
  public Optional<DmsAddress> address(DpuRef dpu) {
    Pod pod = pods.apply(dpu);
    if (pod == null || pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
        || !"Running".equals(pod.getStatus().getPhase())) {
      return Optional.empty();
    }
    String ip = pod.getStatus().getPodIP();
    return ip == null || ip.isBlank() ? Optional.empty() : Optional.of(DmsAddress.of(ip));
  }
}
