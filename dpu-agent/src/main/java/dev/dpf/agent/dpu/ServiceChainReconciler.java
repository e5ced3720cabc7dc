package dev.dpf.agent.dpu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.agent.ovs.OfFlow;
import dev.dpf.agent.ovs.Ovs;
import dev.dpf.agent.ovs.OvsException;
import dev.dpf.agent.ovs.OvsState;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceChainPort;
import dev.dpf.api.svc.v1alpha1.ServiceChainStatus;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.Switch;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceChain → OpenFlow flows on br-sfc (reference §3.8, §3.9, later-release algorithm): every port of every switch
 * is resolved best-effort, the flows of the resolved ports (switches with two or more) replace the chain's previous
 * flows in one atomic bundle under cookie FNV-1a-64({@code <ns>/<name>}), and {@code ServiceChainReconciled} reports
 * the unresolved ports. Re-run on changes of the node's ServiceInterfaces (labels, readiness), of service pods on the
 * node, of OVS ports, and after an OVS reconnect. Deletion removes every flow of the cookie, then the finalizer
 * {@code svc.dpu.nvidia.com/ServiceChain-finalizer}.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"servicechains"}, verbs = {"get", "list", "watch", "update",
    "patch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"servicechains/status", "servicechains/finalizers"},
    verbs = {"get", "update", "patch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"serviceinterfaces"}, verbs = {"get", "list", "watch"})
@Rbac(group = "", resources = {"pods"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "sfc-servicechain", finalizerName = ServiceChain.FINALIZER,
    fieldManager = ServiceChain.FIELD_OWNER)
public class ServiceChainReconciler implements Reconciler<ServiceChain>, Cleaner<ServiceChain> {

  static final String EVENT_RECONCILE_ERROR = "ReconcileError";
  static final String EVENT_DELETE_ERROR = "DeleteError";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceChainReconciler.class);

  /** The flows last applied for a chain, and in which OpenFlow connection. */
  private record Applied(long epoch, List<String> lines) {}

  private final String node;
  private final AgentConfig config;
  private final Ovs ovs;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final OvsTriggers triggers;
  private final PortResolver resolver;
  private final Backoff backoff = new Backoff();
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();
  private final SimpleInboundEventSource<ServiceChain> ovsEvents =
      new SimpleInboundEventSource<>("sfc-servicechain-ovs");
  private volatile IndexerResourceCache<ServiceChain> cache;
  private InformerEventSource<ServiceInterface, ServiceChain> interfaceSource;
  private InformerEventSource<Pod, ServiceChain> podSource;

  public ServiceChainReconciler(String node, AgentConfig config, Ovs ovs, StatusConditions conditions,
      EventRecorder events, OvsTriggers triggers) {
    this.node = node;
    this.config = config;
    this.ovs = ovs;
    this.conditions = conditions;
    this.events = events;
    this.triggers = triggers;
    this.resolver = new PortResolver(node, config.bridge());
    triggers.register(ovsEvents, () -> chains().map(ResourceID::fromResource).toList());
  }

  boolean accepts(ServiceChain chain) {
    return chain.getSpec() != null && node.equals(chain.getSpec().getNode());
  }

  /** The ServiceChains of this node in the informer cache. */
  Stream<ServiceChain> chains() {
    IndexerResourceCache<ServiceChain> c = cache;
    return c == null ? Stream.empty() : c.list().filter(this::accepts);
  }

  @Override
  public List<EventSource<?, ServiceChain>> prepareEventSources(EventSourceContext<ServiceChain> context) {
    cache = context.getPrimaryCache();
    InformerEventSourceConfiguration.Builder<ServiceInterface> interfaces = InformerEventSourceConfiguration
        .from(ServiceInterface.class, ServiceChain.class)
        .withName("sfc-servicechain-interfaces")
        .withGenericFilter(si -> si.getSpec() != null && node.equals(si.getSpec().getNode()))
        .withSecondaryToPrimaryMapper(si -> chainsIn(si.getMetadata().getNamespace()));
    InformerEventSourceConfiguration.Builder<Pod> pods = InformerEventSourceConfiguration
        .from(Pod.class, ServiceChain.class)
        .withName("sfc-servicechain-pods")
        .withLabelSelector(ChainLabels.SERVICE)
        .withFieldSelector(new FieldSelector(new FieldSelector.Field("spec.nodeName", node)))
        .withSecondaryToPrimaryMapper(pod -> chainsIn(pod.getMetadata().getNamespace()));
    if (config.watchNamespaces().isEmpty()) {
      interfaces.withWatchAllNamespaces();
      pods.withWatchAllNamespaces();
    } else {
      interfaces.withNamespaces(config.watchNamespaces());
      pods.withNamespaces(config.watchNamespaces());
    }
    interfaceSource = new InformerEventSource<>(interfaces.build(), context);
    podSource = new InformerEventSource<>(pods.build(), context);
    return List.of(ovsEvents, interfaceSource, podSource);
  }

  private Set<ResourceID> chainsIn(String namespace) {
    return chains().filter(c -> Objects.equals(c.getMetadata().getNamespace(), namespace))
        .map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private final PortResolver.Lookup lookup = new PortResolver.Lookup() {
    @Override
    public List<ServiceInterface> interfaces(String namespace) {
      return interfaceSource.list(namespace).filter(si -> si.getSpec() != null
          && node.equals(si.getSpec().getNode())).toList();
    }

    @Override
    public List<Pod> servicePods(String namespace, String serviceId) {
      return podSource.list(namespace).filter(p -> p.getMetadata().getLabels() != null
          && serviceId.equals(p.getMetadata().getLabels().get(ChainLabels.SERVICE))).toList();
    }
  };

  @Override
  public UpdateControl<ServiceChain> reconcile(ServiceChain chain, Context<ServiceChain> context) {
    JsonNode before = Statuses.snapshot(chain.getStatus());
    ServiceChainStatus status = chain.getStatus() == null ? new ServiceChainStatus() : Statuses.copy(chain.getStatus());
    chain.setStatus(status);
    Long generation = chain.getMetadata().getGeneration();
    conditions.ensure(status, ServiceChain.CONDITIONS, generation);
    String namespace = chain.getMetadata().getNamespace();
    long cookie = Fnv.chainCookie(namespace, chain.getMetadata().getName());
    String uid = chain.getMetadata().getUid();
    List<String> errors = new ArrayList<>();
    try {
      long epoch = triggers.openflowEpoch();
      OvsState state = ovs.state();
      List<List<ChainFlows.Port>> switches = new ArrayList<>();
      for (Switch sw : chain.getSpec().getSwitches()) {
        List<ChainFlows.Port> resolved = new ArrayList<>();
        for (ServiceChainPort port : sw.getPorts()) {
          Map<String, String> labels = port.getServiceInterface() == null ? Map.of()
              : port.getServiceInterface().getMatchLabels();
          PortResolver.Result r = resolver.resolve(namespace, labels, lookup, state);
          if (r.error() != null) {
            errors.add(r.error());
          } else {
            resolved.add(r.port());
          }
        }
        switches.add(resolved);
      }
      List<String> desired = ChainFlows.generate(config.pipeline(), cookie, switches);
      List<OfFlow> current = ovs.dumpFlows(config.bridge());
      Applied last = applied.get(uid);
      boolean unchanged = last != null && last.epoch() == epoch && last.lines().equals(desired)
          && FlowPlan.inPlace(config.pipeline(), cookie, current, desired);
      if (!unchanged) {
        ovs.bundle(config.bridge(), FlowPlan.lines(config.pipeline(), cookie, current, desired));
        applied.put(uid, new Applied(epoch, desired));
        LOG.atInfo().addKeyValue("serviceChain", key(chain)).addKeyValue("flows", desired.size())
            .addKeyValue("unresolved", errors.size()).log("flows applied");
      }
    } catch (OvsException e) {
      errors.add(e.getMessage());
    }
    if (errors.isEmpty()) {
      conditions.setTrue(status, ServiceChain.CONDITION_SERVICE_CHAIN_RECONCILED, generation);
      backoff.reset(uid);
      conditions.summarize(status, generation);
      return Statuses.update(chain, before);
    }
    String message = "Error occurred: " + (errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
    conditions.setFalse(status, ServiceChain.CONDITION_SERVICE_CHAIN_RECONCILED, Conditions.REASON_ERROR, message,
        generation);
    events.warning(chain, EVENT_RECONCILE_ERROR, message);
    conditions.summarize(status, generation);
    return Statuses.update(chain, before).rescheduleAfter(backoff.next(uid));
  }

  @Override
  public DeleteControl cleanup(ServiceChain chain, Context<ServiceChain> context) {
    long cookie = Fnv.chainCookie(chain.getMetadata().getNamespace(), chain.getMetadata().getName());
    String uid = chain.getMetadata().getUid();
    try {
      // table 0 first: it holds the flows whose learn actions create flows of this cookie, so a packet in flight
      // cannot re-create a learned flow after the final delete
      ovs.bundle(config.bridge(), List.of("delete cookie=" + OfFlow.cookieHex(cookie) + "/-1, table=0"));
      for (int pass = 0; pass < 3; pass++) {
        ovs.deleteFlows(config.bridge(), List.of(cookie));
        if (ovs.dumpFlows(config.bridge()).stream().noneMatch(f -> f.cookie() == cookie)) {
          break;
        }
      }
    } catch (OvsException e) {
      events.warning(chain, EVENT_DELETE_ERROR, "Error occurred: " + e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff.next(uid));
    }
    applied.remove(uid);
    backoff.reset(uid);
    LOG.atInfo().addKeyValue("serviceChain", key(chain)).log("flows deleted");
    return DeleteControl.defaultDelete();
  }

  static String key(ServiceChain chain) {
    return chain.getMetadata().getNamespace() + "/" + chain.getMetadata().getName();
  }
}
