package dev.dpf.servicechain.podipam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.InterfaceType;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceChainIPAM;
import dev.dpf.api.svc.v1alpha1.ServiceChainPort;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.api.svc.v1alpha1.Switch;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.servicechain.dpuserviceipam.NvIpamPools;
import dev.dpf.servicechain.mirror.DpuResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pod IPAM injector (reference §3.4), run against each DPU cluster next to the Set controllers: for a scheduled,
 * Pending pod that requests networks, find the ServiceChain ports on its node whose ServiceInterface is the pod's
 * service interface (service type, same service id as the pod's {@code svc.dpu.nvidia.com/service} label, interface
 * name requested by the pod) and whose port has {@code ipam}; pick the NVIPAM pool selected by
 * {@code ipam.matchLabels} (IPPool first, then CIDRPool, cluster-wide, by namespace/name) and write the pool into
 * the element's {@code cni-args} (server-side apply, field owner {@code podIpamcontroller}, force).
 *
 * <p>Wake-ups: the pod, and ServiceChain / ServiceInterface changes on its node. NVIPAM pools are not watched (their
 * CRDs may be missing in a DPU cluster): a pod waiting for a pool is re-checked every 30 s, as upstream does.
 */
@ControllerConfiguration(name = "pod-ipam", fieldManager = ServiceChain.POD_IPAM_FIELD_OWNER,
    generationAwareEventProcessing = false)
public class PodIpamReconciler implements Reconciler<Pod> {

  private static final Logger LOG = LoggerFactory.getLogger(PodIpamReconciler.class);
  static final Duration WAIT_FOR_POOL = Duration.ofSeconds(30);
  static final String EVENT_FAILED = "PodIPAMFailed";

  private final EventRecorder events;
  private volatile InformerEventSource<ServiceChain, Pod> chains;
  private volatile InformerEventSource<ServiceInterface, Pod> interfaces;

  public PodIpamReconciler(EventRecorder events) {
    this.events = events;
  }

  /** Only pods that request networks reach the reconciler. */
  public static boolean requestsNetworks(Pod pod) {
    return pod.getMetadata().getAnnotations() != null
        && pod.getMetadata().getAnnotations().containsKey(ServiceLabels.MULTUS_NETWORKS);
  }

  @Override
  public List<EventSource<?, Pod>> prepareEventSources(EventSourceContext<Pod> context) {
    IndexerResourceCache<Pod> pods = context.getPrimaryCache();
    chains = new InformerEventSource<>(InformerEventSourceConfiguration.from(ServiceChain.class, Pod.class)
        .withName("servicechains")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(c -> waitingPods(pods, c.getMetadata().getNamespace(),
            c.getSpec() == null ? null : c.getSpec().getNode()))
        .build(), context);
    interfaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(ServiceInterface.class, Pod.class)
        .withName("serviceinterfaces")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(i -> waitingPods(pods, i.getMetadata().getNamespace(),
            i.getSpec() == null ? null : i.getSpec().getNode()))
        .build(), context);
    return List.of(chains, interfaces);
  }

  private static Set<ResourceID> waitingPods(IndexerResourceCache<Pod> pods, String namespace, String node) {
    if (node == null) {
      return Set.of();
    }
    return pods.list(namespace, p -> node.equals(p.getSpec().getNodeName()) && pending(p) && requestsNetworks(p))
        .map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private static boolean pending(Pod pod) {
    return pod.getStatus() != null && "Pending".equals(pod.getStatus().getPhase());
  }

  @Override
  public UpdateControl<Pod> reconcile(Pod pod, Context<Pod> context) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (pod.getMetadata().getDeletionTimestamp() != null || node == null || node.isEmpty() || !pending(pod)
        || !requestsNetworks(pod)) {
      return UpdateControl.noUpdate();
    }
    String annotation = pod.getMetadata().getAnnotations().get(ServiceLabels.MULTUS_NETWORKS);
    Optional<ArrayNode> elements = PodNetworks.parse(annotation);
    if (elements.isEmpty()) {
      return UpdateControl.noUpdate();
    }
    Set<String> requested = PodNetworks.interfaces(elements.get());
    requested.remove(null);
    String namespace = pod.getMetadata().getNamespace();
    String serviceId = pod.getMetadata().getLabels() == null ? null
        : pod.getMetadata().getLabels().get(ChainLabels.SERVICE);

    Map<String, ServiceChainIPAM> wanted = new HashMap<>();
    List<ServiceChain> onNode = chains.list(namespace, c -> c.getSpec() != null && node.equals(c.getSpec().getNode()))
        .sorted(Comparator.comparing(c -> c.getMetadata().getName())).toList();
    for (ServiceChain chain : onNode) {
      for (Switch sw : chain.getSpec().getSwitches() == null ? List.<Switch>of() : chain.getSpec().getSwitches()) {
        for (ServiceChainPort port : sw.getPorts() == null ? List.<ServiceChainPort>of() : sw.getPorts()) {
          if (port.getServiceInterface() == null || port.getServiceInterface().getIpam() == null) {
            continue;
          }
          resolve(namespace, node, port.getServiceInterface().getMatchLabels())
              .filter(si -> si.getSpec().getInterfaceType() == InterfaceType.SERVICE && si.getSpec().getService() != null)
              .filter(si -> Objects.equals(si.getSpec().getService().getServiceID(), serviceId))
              .map(si -> si.getSpec().getService().getInterfaceName())
              .filter(requested::contains)
              .ifPresent(ifName -> wanted.putIfAbsent(ifName, port.getServiceInterface().getIpam()));
        }
      }
    }
    if (wanted.isEmpty()) {
      return UpdateControl.noUpdate();
    }
    Map<String, PodNetworks.Pool> pools = new HashMap<>();
    List<String> missing = new ArrayList<>();
    KubernetesClient client = context.getClient();
    for (Map.Entry<String, ServiceChainIPAM> e : wanted.entrySet()) {
      Map<String, String> selector = e.getValue().getMatchLabels();
      if (selector == null || selector.isEmpty()) {
        events.warning(pod, EVENT_FAILED, "interface " + e.getKey() + ": the chain port's ipam.matchLabels is empty");
        continue;
      }
      boolean defaultGateway = Boolean.TRUE.equals(e.getValue().getDefaultGateway());
      Optional<PodNetworks.Pool> pool = findPool(client, NvIpamPools.IPPOOL, selector, PodNetworks.Pool.IPPOOL,
          defaultGateway).or(() -> findPool(client, NvIpamPools.CIDRPOOL, selector, PodNetworks.Pool.CIDRPOOL,
          defaultGateway));
      if (pool.isPresent()) {
        pools.put(e.getKey(), pool.get());
      } else {
        missing.add(e.getKey());
      }
    }
    String rewritten = PodNetworks.rewrite(elements.get(), pools);
    if (!pools.isEmpty() && !rewritten.equals(annotation)) {
      Pod patch = new PodBuilder().withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(namespace)
          .addToAnnotations(ServiceLabels.MULTUS_NETWORKS, rewritten).endMetadata().build();
      client.resource(patch).fieldManager(ServiceChain.POD_IPAM_FIELD_OWNER).forceConflicts().serverSideApply();
      LOG.atInfo().addKeyValue("pod", namespace + "/" + pod.getMetadata().getName())
          .addKeyValue("interfaces", pools.keySet()).log("NVIPAM pools written into the pod's networks");
    }
    if (!missing.isEmpty()) {
      return UpdateControl.<Pod>noUpdate().rescheduleAfter(WAIT_FOR_POOL);
    }
    return UpdateControl.noUpdate();
  }

  /** The single ServiceInterface on {@code node} matching {@code labels}, if exactly one. */
  private Optional<ServiceInterface> resolve(String namespace, String node, Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return Optional.empty();
    }
    List<ServiceInterface> found = interfaces.list(namespace, i -> i.getSpec() != null
        && node.equals(i.getSpec().getNode()) && i.getMetadata().getLabels() != null
        && i.getMetadata().getLabels().entrySet().containsAll(labels.entrySet())).toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  private static Optional<PodNetworks.Pool> findPool(KubernetesClient client, DpuResource kind,
      Map<String, String> selector, String type, boolean defaultGateway) {
    try {
      return kind.in(client).inAnyNamespace().withLabels(selector).list().getItems().stream()
          .map(GenericKubernetesResource.class::cast)
          .sorted(Comparator.comparing((HasMetadata p) -> p.getMetadata().getNamespace())
              .thenComparing(p -> p.getMetadata().getName()))
          .findFirst()
          .map(p -> new PodNetworks.Pool(p.getMetadata().getName(), type, defaultGateway));
    } catch (KubernetesClientException e) {
      // e.g. the NVIPAM CRDs are not installed (yet)
      LOG.atDebug().addKeyValue("kind", kind.kind()).addKeyValue("error", e.getMessage()).log("cannot list pools");
      return Optional.empty();
    }
  }
}
