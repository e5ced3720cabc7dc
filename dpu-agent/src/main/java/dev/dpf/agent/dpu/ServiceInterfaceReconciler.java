package dev.dpf.agent.dpu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.agent.ovs.Ovs;
import dev.dpf.agent.ovs.OvsException;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.InterfaceType;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceStatus;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceInterface → OVS ports on br-sfc (reference §3.7, later-release behaviour): the finalizer
 * {@code svc.dpu.nvidia.com/ServiceInterface-finalizer} is added first, then the port(s) of the interface type are
 * created with {@code external_ids:dpf-id=<ns>/<name>} (insert-only) and physical ports are marked
 * {@code dpf-type=physical}; condition {@code ServiceInterfaceReconciled} and the {@code Ready} summary report the
 * outcome. Deletion removes the ports (physical ports stay when annotated
 * {@code svc.dpu.nvidia.com/noop-physical-removal} or still used by another ServiceInterface of the node). Only
 * objects whose {@code spec.node} is this node and that have no virtual network are handled (event filter).
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"serviceinterfaces"}, verbs = {"get", "list", "watch", "update",
    "patch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"serviceinterfaces/status", "serviceinterfaces/finalizers"},
    verbs = {"get", "update", "patch"})
@ControllerConfiguration(name = "sfc-serviceinterface", finalizerName = ServiceInterface.FINALIZER,
    fieldManager = ServiceInterface.FIELD_OWNER)
public class ServiceInterfaceReconciler implements Reconciler<ServiceInterface>, Cleaner<ServiceInterface> {

  static final String EVENT_RECONCILE_ERROR = "ReconcileError";
  static final String EVENT_DELETE_ERROR = "DeleteError";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceInterfaceReconciler.class);

  private final String node;
  private final AgentConfig config;
  private final InterfacePorts ports;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final Backoff backoff = new Backoff();
  private final SimpleInboundEventSource<ServiceInterface> ovsEvents =
      new SimpleInboundEventSource<>("sfc-serviceinterface-ovs");
  private volatile IndexerResourceCache<ServiceInterface> cache;

  public ServiceInterfaceReconciler(String node, AgentConfig config, Ovs ovs, StatusConditions conditions,
      EventRecorder events, OvsTriggers triggers) {
    this.node = node;
    this.config = config;
    this.ports = new InterfacePorts(ovs, config.bridge());
    this.conditions = conditions;
    this.events = events;
    triggers.register(ovsEvents, () -> interfaces().map(ResourceID::fromResource).toList());
  }

  /** Whether an object is this agent's: on this node and on br-sfc (or already carrying the finalizer). */
  boolean accepts(ServiceInterface si) {
    return si.getSpec() != null && node.equals(si.getSpec().getNode())
        && (si.getSpec().virtualNetwork() == null || si.hasFinalizer(ServiceInterface.FINALIZER));
  }

  /** The ServiceInterfaces of this node in the informer cache (empty before the controller started). */
  Stream<ServiceInterface> interfaces() {
    IndexerResourceCache<ServiceInterface> c = cache;
    return c == null ? Stream.empty() : c.list().filter(this::accepts);
  }

  @Override
  public List<EventSource<?, ServiceInterface>> prepareEventSources(EventSourceContext<ServiceInterface> context) {
    cache = context.getPrimaryCache();
    return List.of(ovsEvents);
  }

  @Override
  public UpdateControl<ServiceInterface> reconcile(ServiceInterface si, Context<ServiceInterface> context) {
    JsonNode before = Statuses.snapshot(si.getStatus());
    ServiceInterfaceStatus status = si.getStatus() == null ? new ServiceInterfaceStatus()
        : Statuses.copy(si.getStatus());
    si.setStatus(status);
    Long generation = si.getMetadata().getGeneration();
    conditions.ensure(status, ServiceInterface.CONDITIONS, generation);
    String key = si.getMetadata().getUid();
    try {
      Optional<PortPlan> plan = PortPlan.of(si, config.bridge(), config.representorInterfaceType());
      if (si.getSpec().virtualNetwork() != null) {
        // moved to a VPC virtual network: not this agent's any more; drop what it created
        if (plan.isPresent()) {
          ports.remove(plan.get());
        }
        return UpdateControl.noUpdate();
      }
      if (plan.isPresent()) {
        ports.ensure(PortPlan.dpfId(si), plan.get());
      } else if (si.getSpec().getInterfaceType() == InterfaceType.VLAN) {
        LOG.atDebug().addKeyValue("serviceInterface", key(si)).log("vlan interfaces are not programmed (as upstream)");
      }
      conditions.setTrue(status, ServiceInterface.CONDITION_SERVICE_INTERFACE_RECONCILED, generation);
      backoff.reset(key);
      conditions.summarize(status, generation);
      return Statuses.update(si, before);
    } catch (OvsException | IllegalArgumentException e) {
      String message = "Error occurred: " + e.getMessage();
      conditions.setFalse(status, ServiceInterface.CONDITION_SERVICE_INTERFACE_RECONCILED, Conditions.REASON_ERROR,
          message, generation);
      events.warning(si, EVENT_RECONCILE_ERROR, message);
      LOG.atWarn().addKeyValue("serviceInterface", key(si)).addKeyValue("error", e.getMessage())
          .log("programming OVS failed");
      conditions.summarize(status, generation);
      return Statuses.update(si, before).rescheduleAfter(backoff.next(key));
    }
  }

  @Override
  public DeleteControl cleanup(ServiceInterface si, Context<ServiceInterface> context) {
    String key = si.getMetadata().getUid();
    try {
      Optional<PortPlan> plan = PortPlan.of(si, config.bridge(), config.representorInterfaceType());
      if (plan.isPresent() && keep(si, plan.get())) {
        LOG.atInfo().addKeyValue("serviceInterface", key(si)).addKeyValue("port", plan.get().port())
            .log("keeping the port on delete");
      } else if (plan.isPresent()) {
        ports.remove(plan.get());
      }
    } catch (IllegalArgumentException e) {
      LOG.atInfo().addKeyValue("serviceInterface", key(si)).addKeyValue("error", e.getMessage())
          .log("no port to remove");
    } catch (OvsException e) {
      events.warning(si, EVENT_DELETE_ERROR, "Error occurred: " + e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff.next(key));
    }
    backoff.reset(key);
    return DeleteControl.defaultDelete();
  }

  /** Physical ports survive with the noop annotation; any port survives while another live interface uses it. */
  private boolean keep(ServiceInterface si, PortPlan plan) {
    Map<String, String> annotations = si.getMetadata().getAnnotations();
    if (plan.physical() && annotations != null && annotations.containsKey(ChainLabels.NOOP_PHYSICAL_REMOVAL)) {
      return true;
    }
    return interfaces()
        .filter(o -> !o.getMetadata().getUid().equals(si.getMetadata().getUid()))
        .filter(o -> o.getMetadata().getDeletionTimestamp() == null)
        .anyMatch(o -> {
          try {
            return PortPlan.of(o, config.bridge(), config.representorInterfaceType())
                .map(p -> p.port().equals(plan.port())).orElse(false);
          } catch (IllegalArgumentException e) {
            return false;
          }
        });
  }

  static String key(ServiceInterface si) {
    return si.getMetadata().getNamespace() + "/" + si.getMetadata().getName();
  }
}
