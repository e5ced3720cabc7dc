package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays kubelet for the DMS and host network pods, because no kubelet (and no scheduler) runs in tests: it writes
 * the pod status a kubelet would write once the containers run (phase Running, pod IP = the host IP 127.0.0.1,
 * Ready conditions, running container statuses), or, per DPU, a failed pod, a pod whose rshim pre-flight init
 * container keeps failing, or a pod left Pending. The pods stay unbound (no nodeName), so deleting one is immediate,
 * as it would be after a kubelet confirmed it.
 */
final class KubeletStandIn implements AutoCloseable {

  /** What happens to a DPU's DMS pod. */
  enum Behaviour { RUN, FAIL, RSHIM, PENDING }

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, Behaviour> dms = new ConcurrentHashMap<>();
  private final SharedIndexInformer<Pod> informer;

  KubeletStandIn(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.informer = client.pods().inNamespace(namespace).withLabel(ProvisioningLabels.COMPONENT).inform(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            handle(pod);
          }

          @Override
          public void onUpdate(Pod old, Pod pod) {
            handle(pod);
          }

          @Override
          public void onDelete(Pod pod, boolean unknown) {}
        });
  }

  /** Sets what happens to the DMS pod of {@code dpu} (now and when it is re-created). */
  void dmsPod(String dpu, Behaviour behaviour) {
    dms.put(dpu, behaviour);
    Pod pod = informer.getStore().getByKey(namespace + "/" + dpu + "-dms");
    if (pod != null) {
      handle(pod);
    }
  }

  private synchronized void handle(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String name = pod.getMetadata().getName();
    boolean isDms = ProvisioningLabels.COMPONENT_DMS.equals(pod.getMetadata().getLabels().get(
        ProvisioningLabels.COMPONENT));
    Behaviour behaviour = isDms ? dms.getOrDefault(name.substring(0, name.length() - "-dms".length()), Behaviour.RUN)
        : Behaviour.RUN;
    PodStatus wanted = status(pod, behaviour);
    if (wanted == null || matches(pod.getStatus(), wanted)) {
      return;
    }
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(name).editStatus(p -> {
        p.setStatus(wanted);
        return p;
      });
    } catch (KubernetesClientException e) {
      // deleted meanwhile, or a conflict: the next event brings it back
    }
  }

  private static boolean matches(PodStatus now, PodStatus wanted) {
    return now != null && wanted.getPhase().equals(now.getPhase()) && now.getInitContainerStatuses() != null
        && now.getInitContainerStatuses().size() == wanted.getInitContainerStatuses().size();
  }

  private static PodStatus status(Pod pod, Behaviour behaviour) {
    String now = Instant.now().toString();
    List<ContainerStatus> inits = new ArrayList<>();
    List<ContainerStatus> containers = new ArrayList<>();
    switch (behaviour) {
      case PENDING -> {
        return null;
      }
      case RSHIM -> {
        inits.add(new ContainerStatusBuilder().withName("rshim-preflight").withImage("dms").withImageID("")
            .withReady(false).withRestartCount(2)
            .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
            .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
              .withMessage(DpuObjects.RSHIM_MESSAGE + "\n").endTerminated().endLastState().build());
        containers.add(new ContainerStatusBuilder().withName("dms").withImage("dms").withImageID("").withReady(false)
            .withRestartCount(0).withNewState().withNewWaiting().withReason("PodInitializing").endWaiting()
            .endState().build());
        return new PodStatusBuilder().withPhase("Pending").withInitContainerStatuses(inits)
            .withContainerStatuses(containers).build();
      }
      case FAIL -> {
        return new PodStatusBuilder().withPhase("Failed").withInitContainerStatuses(inits)
            .withMessage("the DMS container exited").build();
      }
      default -> {
        pod.getSpec().getInitContainers().forEach(c -> inits.add(new ContainerStatusBuilder().withName(c.getName())
            .withImage(c.getImage()).withImageID("").withReady(true).withRestartCount(0).withNewState()
            .withNewTerminated().withExitCode(0).withReason("Completed").endTerminated().endState().build()));
        pod.getSpec().getContainers().forEach(c -> containers.add(new ContainerStatusBuilder().withName(c.getName())
            .withImage(c.getImage()).withImageID("").withReady(true).withStarted(true).withRestartCount(0)
            .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build()));
        List<PodCondition> conditions = new ArrayList<>();
        for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
          conditions.add(new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now)
              .build());
        }
        return new PodStatusBuilder().withPhase("Running").withPodIP("127.0.0.1").withHostIP("127.0.0.1")
            .withStartTime(now).withConditions(conditions).withInitContainerStatuses(inits)
            .withContainerStatuses(containers).build();
      }
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
