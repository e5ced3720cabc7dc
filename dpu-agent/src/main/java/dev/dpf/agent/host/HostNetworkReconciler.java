package dev.dpf.agent.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.Networking;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUStatus;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host mode of the node agent: for each DPU of this node in phase {@code Host Network Configuration} (and in the later
 * phases {@code DPU Cluster Config} and {@code Ready}, to keep the host converged) it creates the VFs, attaches VF0 to
 * the host bridge with the high-speed MTU ({@link HostNetworkConfigurator}) and reports the result as the DPU's
 * {@code HostNetworkConfigured} condition, applied server-side under field manager {@value #FIELD_MANAGER}, which
 * owns only that condition. When a DPU is being deleted or is gone, VF0 is detached from the bridge (best effort).
 *
 * <p>Triggers: the DPU informer (only this node's DPUs: field selector {@code spec.nodeName}), informers on DPUFlavors
 * and DPFOperatorConfigs, {@link HostLinkMonitor} (netlink changes of the bridge/VFs, or of any link while a DPU is
 * failing), a periodic re-check ({@code resyncPeriod}) of configured DPUs, and back-off retries (1 s doubling to 30
 * s) of failing ones. No finalizer: a node that is gone must never block a DPU's deletion.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus", "dpuflavors"}, verbs = {"get", "list", "watch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus/status"}, verbs = {"patch"})
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs"}, verbs = {"get", "list", "watch"})
@Rbac(group = "", resources = {"events"}, verbs = {"create", "patch", "update", "get"})
@ControllerConfiguration(name = HostNetworkReconciler.NAME, fieldManager = HostNetworkReconciler.FIELD_MANAGER,
    generationAwareEventProcessing = false, triggerReconcilerOnAllEvents = true)
public class HostNetworkReconciler implements Reconciler<DPU> {

  public static final String NAME = "dpu-agent-host";
  /** The server-side apply field manager of the agent: it owns only the HostNetworkConfigured condition. */
  public static final String FIELD_MANAGER = "dpu-agent";
  public static final String CONDITION = DPU.CONDITION_HOST_NETWORK_CONFIGURED;
  /** Phases in which the host network is configured and kept converged. */
  public static final Set<DPUPhase> ACTIVE_PHASES = Set.of(DPUPhase.HOST_NETWORK_CONFIGURATION,
      DPUPhase.DPU_CLUSTER_CONFIG, DPUPhase.READY);

  static final String EVENT_CONFIGURED = "HostNetworkConfigured";
  static final String EVENT_FAILED = "HostNetworkConfigurationFailed";
  static final String EVENT_DETACHED = "HostNetworkDetached";
  static final String EVENT_DETACH_FAILED = "HostNetworkDetachFailed";

  private static final Logger LOG = LoggerFactory.getLogger(HostNetworkReconciler.class);
  private static final Duration MIN_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);

  /** What the agent last attached for a DPU (by uid), so deletion detaches the right VF from the right bridge. */
  record Attachment(String pciAddress, String vf, String bridge) {}

  private final String nodeName;
  private final Set<String> operatorConfigNamespaces;
  private final HostNetworkConfigurator configurator;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final Duration resyncPeriod;
  private final SimpleInboundEventSource<DPU> hostEvents = new SimpleInboundEventSource<>("host-links");
  private final Map<String, Attachment> attachments = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private volatile IndexerResourceCache<DPU> primaryCache;
  private volatile InformerEventSource<DPUFlavor, DPU> flavors;
  private volatile InformerEventSource<DPFOperatorConfig, DPU> operatorConfigs;

  /**
   * @param operatorConfigNamespaces where DPFOperatorConfigs are watched; empty for all namespaces
   */
  public HostNetworkReconciler(String nodeName, Set<String> operatorConfigNamespaces,
      HostNetworkConfigurator configurator, StatusConditions conditions, EventRecorder events, Duration resyncPeriod) {
    this.nodeName = nodeName;
    this.operatorConfigNamespaces = Set.copyOf(operatorConfigNamespaces);
    this.configurator = configurator;
    this.conditions = conditions;
    this.events = events;
    this.resyncPeriod = resyncPeriod;
  }

  public String nodeName() {
    return nodeName;
  }

  @Override
  public List<EventSource<?, DPU>> prepareEventSources(EventSourceContext<DPU> context) {
    primaryCache = context.getPrimaryCache();
    flavors = new InformerEventSource<>(InformerEventSourceConfiguration.from(DPUFlavor.class, DPU.class)
        .withName("dpu-flavors")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(flavor -> ids(dpu -> Objects.equals(dpu.getMetadata().getNamespace(),
            flavor.getMetadata().getNamespace()) && dpu.getSpec() != null
            && flavor.getMetadata().getName().equals(dpu.getSpec().getDpuFlavor())))
        .build(), context);
    InformerEventSourceConfiguration.Builder<DPFOperatorConfig> configs = InformerEventSourceConfiguration
        .from(DPFOperatorConfig.class, DPU.class)
        .withName("dpf-operator-configs")
        .withSecondaryToPrimaryMapper(config -> ids(dpu -> true));
    if (operatorConfigNamespaces.isEmpty()) {
      configs.withWatchAllNamespaces();
    } else {
      configs.withNamespaces(operatorConfigNamespaces);
    }
    operatorConfigs = new InformerEventSource<>(configs.build(), context);
    return List.of(flavors, operatorConfigs, hostEvents);
  }

  @Override
  public UpdateControl<DPU> reconcile(DPU dpu, Context<DPU> context) {
    String uid = dpu.getMetadata().getUid();
    if (context.isPrimaryResourceDeleted() || dpu.getMetadata().getDeletionTimestamp() != null
        || dpu.effectivePhase() == DPUPhase.DELETING) {
      release(dpu);
      return UpdateControl.noUpdate();
    }
    if (!onThisNode(dpu) || !ACTIVE_PHASES.contains(dpu.effectivePhase())) {
      return UpdateControl.noUpdate();
    }
    Optional<Condition> previous = StatusConditions.find(dpu.getStatus(), CONDITION);
    try {
      HostNetworkSpec spec = HostNetworkInputs.resolve(dpu, flavor(dpu), operatorConfigs());
      HostNetworkConfigurator.Result result = configurator.configure(spec);
      attachments.put(uid, new Attachment(spec.pciAddress(), result.vf(), spec.bridge()));
      failures.remove(uid);
      if (!result.changes().isEmpty()) {
        LOG.atInfo().addKeyValue("changes", result.changes()).log("host network configured");
      }
      String message = result.message();
      if (previous.isEmpty() || !Conditions.TRUE.equals(previous.get().getStatus())) {
        events.normal(dpu, EVENT_CONFIGURED, message);
      }
      return report(dpu, previous, Conditions.TRUE, CONDITION, message).rescheduleAfter(resyncPeriod);
    } catch (HostNetworkException e) {
      int attempt = failures.merge(uid, 1, Integer::sum);
      String message = e.getMessage();
      boolean news = previous.isEmpty() || !Conditions.FALSE.equals(previous.get().getStatus())
          || !message.equals(previous.get().getMessage());
      if (news) {
        events.warning(dpu, EVENT_FAILED, message);
        LOG.atWarn().addKeyValue("error", message).log("host network configuration failed");
      }
      return report(dpu, previous, Conditions.FALSE, Conditions.REASON_ERROR, message)
          .rescheduleAfter(retryDelay(attempt));
    }
  }

  /** Called by {@link HostLinkMonitor} for every changed interface on the host. */
  public void hostLinkChanged(String interfaceName) {
    IndexerResourceCache<DPU> cache = primaryCache;
    if (cache == null) {
      return;
    }
    if (!failures.isEmpty() || interesting().contains(interfaceName)) {
      ids(dpu -> true).forEach(hostEvents::propagateEvent);
    }
  }

  /** The bridges and VFs the agent manages: a change to one of them is drift. */
  private Set<String> interesting() {
    Set<String> names = new HashSet<>();
    names.add(Networking.DEFAULT_DPU_NODE_OOB_BRIDGE_NAME);
    for (Attachment a : attachments.values()) {
      names.add(a.bridge());
      names.add(a.vf());
    }
    return names;
  }

  /** Detaches VF0 of a DPU that is being deleted or is gone (best effort: a failure is logged and recorded). */
  private void release(DPU dpu) {
    String uid = dpu.getMetadata().getUid();
    failures.remove(uid);
    Attachment attachment = attachments.remove(uid);
    String pci = attachment != null ? attachment.pciAddress() : null;
    try {
      if (pci == null) {
        pci = Sysfs.pciAddressFromLabel(dpu.pciAddressLabel());
      }
      String address = pci;
      boolean sharedDevice = primaryCache != null && primaryCache.list().anyMatch(other ->
          !uid.equals(other.getMetadata().getUid()) && other.getMetadata().getDeletionTimestamp() == null
              && onThisNode(other) && samePci(other, address));
      if (sharedDevice) {
        LOG.atInfo().addKeyValue("pci", address).log("not detaching: another DPU object uses the same device");
        return;
      }
      String bridge = attachment != null ? attachment.bridge() : currentBridge();
      Optional<String> detached = configurator.detach(pci, attachment == null ? null : attachment.vf(), bridge);
      if (detached.isPresent()) {
        LOG.atInfo().addKeyValue("vf", detached.get()).addKeyValue("bridge", bridge).log("VF0 detached");
        events.normal(dpu, EVENT_DETACHED, "VF0 " + detached.get() + " detached from bridge " + bridge);
      }
    } catch (HostNetworkException e) {
      LOG.atWarn().addKeyValue("error", e.getMessage()).log("could not detach VF0 from the bridge");
      events.warning(dpu, EVENT_DETACH_FAILED, "could not detach VF0 from the bridge: " + e.getMessage());
    }
  }

  private UpdateControl<DPU> report(DPU dpu, Optional<Condition> previous, String value, String reason,
      String message) {
    DPUStatus mine = new DPUStatus();
    previous.ifPresent(c -> mine.conditions().add(Statuses.copy(c)));
    JsonNode before = Statuses.snapshot(mine);
    conditions.set(mine, CONDITION, value, reason, message, dpu.getMetadata().getGeneration());
    if (!Statuses.changed(before, mine)) {
      return UpdateControl.noUpdate();
    }
    DPU patch = new DPU();
    patch.setMetadata(new ObjectMetaBuilder()
        .withName(dpu.getMetadata().getName())
        .withNamespace(dpu.getMetadata().getNamespace())
        .withUid(dpu.getMetadata().getUid())
        .build());
    // only the condition: server-side apply gives this field manager ownership of exactly that list entry
    patch.setStatus(mine);
    return UpdateControl.patchStatus(patch);
  }

  private Optional<DPUFlavor> flavor(DPU dpu) {
    String name = dpu.getSpec() == null ? null : dpu.getSpec().getDpuFlavor();
    if (name == null || name.isEmpty() || flavors == null) {
      return Optional.empty();
    }
    return flavors.get(new ResourceID(name, dpu.getMetadata().getNamespace()));
  }

  private List<DPFOperatorConfig> operatorConfigs() {
    return operatorConfigs == null ? List.of() : operatorConfigs.list().toList();
  }

  private String currentBridge() {
    List<DPFOperatorConfig> configs = operatorConfigs();
    if (configs.size() == 1 && configs.get(0).getSpec() != null && configs.get(0).getSpec().getNetworking() != null) {
      String name = configs.get(0).getSpec().getNetworking().getDpuNodeOOBBridgeName();
      if (name != null && !name.isEmpty()) {
        return name;
      }
    }
    return Networking.DEFAULT_DPU_NODE_OOB_BRIDGE_NAME;
  }

  private boolean onThisNode(DPU dpu) {
    return dpu.getSpec() != null && nodeName.equals(dpu.getSpec().getNodeName());
  }

  private static boolean samePci(DPU dpu, String pciAddress) {
    try {
      return pciAddress.equals(Sysfs.pciAddressFromLabel(dpu.pciAddressLabel()));
    } catch (HostNetworkException e) {
      return false;
    }
  }

  private Set<ResourceID> ids(java.util.function.Predicate<DPU> filter) {
    IndexerResourceCache<DPU> cache = primaryCache;
    if (cache == null) {
      return Set.of();
    }
    return cache.list().filter(this::onThisNode).filter(filter).map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  static Duration retryDelay(int attempt) {
    long millis = MIN_RETRY.toMillis() << Math.min(Math.max(attempt - 1, 0), 10);
    return Duration.ofMillis(Math.min(millis, MAX_RETRY.toMillis()));
  }
}
