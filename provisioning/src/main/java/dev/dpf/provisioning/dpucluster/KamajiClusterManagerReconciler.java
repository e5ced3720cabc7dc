package dev.dpf.provisioning.dpucluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterStatus;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kamaji cluster manager (reference 3.7) for DPUClusters of {@code type: kamaji}: a Kamaji TenantControlPlane
 * backs the cluster.
 *
 * <ol>
 *   <li>NodePort Service {@code N} (port {@code kube-apiserver}) when neither it nor the TCP exists, then the TCP
 *       {@code N} with that node port ({@link KamajiObjects#tenantControlPlane}); an existing TCP gives the node port
 *       from {@code spec.networkProfile.port};
 *   <li>TCP {@code status.kubernetesResources.version.status} not {@code Ready} → {@code Created=False/
 *       ClusterNotReady "creating cluster"}; {@code Ready} → {@code spec.kubeconfig = N-admin-kubeconfig} (the Secret
 *       Kamaji writes) and then {@code Created=True/Created};
 *   <li>with {@code spec.clusterEndpoint.keepalived} and a node port: ConfigMap and DaemonSet {@code N-keepalived}
 *       (server-side apply, owner reference to the DPUCluster) → {@code KeepalivedReady=True/Deployed}.
 * </ol>
 *
 * TCP and DaemonSet events are mapped back to the DPUCluster (same name; owner reference — upstream quirk Q12
 * fixed); the keepalived objects are applied again when their rendered content changes (hash annotation) or the
 * DaemonSet disappears, and removed when keepalived is removed from the spec. Everything is garbage-collected through
 * owner references. API errors set the step's condition to {@code False/Error} (Created only while it is not True
 * yet), record a Warning event and are retried with back-off (5 s up to 5 min).
 */
@Rbac(group = "kamaji.clastix.io", resources = {"tenantcontrolplanes"}, verbs = {"get", "list", "watch", "create"})
@Rbac(group = "", resources = {"services"}, verbs = {"get", "create"})
@Rbac(group = "", resources = {"configmaps"}, verbs = {"get", "create", "patch", "delete"})
@Rbac(group = "apps", resources = {"daemonsets"}, verbs = {"get", "list", "watch", "create", "patch", "delete"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters/finalizers"}, verbs = {"update"})
@ControllerConfiguration(name = "kamaji-cluster-manager", fieldManager = KamajiClusterManagerReconciler.FIELD_MANAGER,
    generationAwareEventProcessing = false, triggerReconcilerOnAllEvents = true)
public class KamajiClusterManagerReconciler implements Reconciler<DPUCluster> {

  static final String FIELD_MANAGER = "kamaji-cluster-manager";
  static final List<String> OWNED = List.of(DPUCluster.CONDITION_CREATED, DPUCluster.CONDITION_KEEPALIVED_READY);
  static final String EVENT_CONTROL_PLANE_FAILED = "ControlPlaneFailed";
  static final String EVENT_KEEPALIVED_FAILED = "KeepalivedFailed";
  static final String EVENT_KEEPALIVED_DEPLOYED = "KeepalivedDeployed";

  private static final Duration RETRY_BASE = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(KamajiClusterManagerReconciler.class);
  private static final Duration RETRY_CAP = Duration.ofMinutes(5);

  private final String operatorNamespace;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private volatile InformerEventSource<DPFOperatorConfig, DPUCluster> operatorConfigs;
  private volatile InformerEventSource<GenericKubernetesResource, DPUCluster> tenantControlPlanes;
  private volatile InformerEventSource<DaemonSet, DPUCluster> daemonSets;

  KamajiClusterManagerReconciler(String operatorNamespace, StatusConditions conditions, EventRecorder events) {
    this.operatorNamespace = operatorNamespace;
    this.conditions = conditions;
    this.events = events;
  }

  @Override
  public List<EventSource<?, DPUCluster>> prepareEventSources(EventSourceContext<DPUCluster> context) {
    operatorConfigs = ClusterManagers.operatorConfigSource(context, "kamaji-cluster-manager-config", operatorNamespace,
        DPUCluster.TYPE_KAMAJI);
    tenantControlPlanes = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(new GroupVersionKind(KamajiObjects.TCP_GROUP, KamajiObjects.TCP_VERSION, KamajiObjects.TCP_KIND),
            DPUCluster.class)
        .withName("kamaji-tenant-control-planes")
        .withNamespacesInheritedFromController()
        .withLabelSelector(ProvisioningLabels.CLUSTER)
        .withSecondaryToPrimaryMapper(tcp -> java.util.Set.of(ResourceID.fromResource(tcp)))
        .build(), context);
    daemonSets = new InformerEventSource<>(InformerEventSourceConfiguration.from(DaemonSet.class, DPUCluster.class)
        .withName("kamaji-keepalived-daemonsets")
        .withNamespacesInheritedFromController()
        .withLabelSelector(ProvisioningLabels.CLUSTER)
        .withSecondaryToPrimaryMapper(KamajiClusterManagerReconciler::owners)
        .build(), context);
    return List.of(operatorConfigs, tenantControlPlanes, daemonSets);
  }

  /** The DPUClusters named in an object's owner references (kind DPUCluster of the provisioning API group). */
  static java.util.Set<ResourceID> owners(HasMetadata object) {
    if (object.getMetadata().getOwnerReferences() == null) {
      return java.util.Set.of();
    }
    return object.getMetadata().getOwnerReferences().stream()
        .filter(o -> "DPUCluster".equals(o.getKind()) && o.getApiVersion() != null
            && o.getApiVersion().startsWith(dev.dpf.api.common.ApiGroups.PROVISIONING + "/"))
        .map(o -> new ResourceID(o.getName(), object.getMetadata().getNamespace()))
        .collect(Collectors.toSet());
  }

  @Override
  public UpdateControl<DPUCluster> reconcile(DPUCluster cluster, Context<DPUCluster> context) {
    if (context.isPrimaryResourceDeleted()) {
      failures.remove(cluster.getMetadata().getUid());
      return UpdateControl.noUpdate();
    }
    if (!ClusterManagers.isType(cluster, DPUCluster.TYPE_KAMAJI)) {
      return UpdateControl.noUpdate();
    }
    KubernetesClient client = context.getClient();
    if (cluster.getMetadata().getDeletionTimestamp() != null) {
      // TCP, ConfigMap, DaemonSet and Service go with the DPUCluster through their owner references
      ClusterManagers.removeFinalizer(client, cluster);
      failures.remove(cluster.getMetadata().getUid());
      return UpdateControl.noUpdate();
    }
    JsonNode before = Statuses.snapshot(cluster.getStatus());
    DPUClusterStatus status = cluster.getStatus() == null ? new DPUClusterStatus() : Statuses.copy(cluster.getStatus());
    cluster.setStatus(status);
    Long generation = cluster.getMetadata().getGeneration();
    ClusterManagers.Enablement enablement = ClusterManagers.kamajiManager(
        ClusterManagers.operatorConfig(operatorConfigs, operatorNamespace), operatorNamespace);
    if (!enablement.enabled()) {
      ClusterManagers.markDisabled(status, conditions, enablement.disabledMessage(), generation);
      return ClusterManagers.patchConditions(cluster, before, OWNED);
    }
    if (!ClusterManagers.hasFinalizer(cluster)) {
      ClusterManagers.addFinalizer(client, cluster, FIELD_MANAGER);
    }
    DPUClusterPhase phase = cluster.effectivePhase();
    if (phase == DPUClusterPhase.PENDING || phase == DPUClusterPhase.FAILED) {
      return ClusterManagers.patchConditions(cluster, before, OWNED);
    }
    boolean failed = false;
    int nodePort = 0;
    try {
      nodePort = controlPlane(cluster, status, client, generation);
    } catch (KubernetesClientException | IllegalStateException e) {
      failed = true;
      String message = "Kamaji control plane: " + ClusterChecks.message(e);
      if (!StatusConditions.isTrue(status, DPUCluster.CONDITION_CREATED)) {
        conditions.set(status, DPUCluster.CONDITION_CREATED, Conditions.FALSE, Conditions.REASON_ERROR, message,
            generation);
      }
      events.warning(cluster, EVENT_CONTROL_PLANE_FAILED, message);
    }
    if (!failed) {
      try {
        keepalived(cluster, status, client, nodePort, generation);
      } catch (KubernetesClientException e) {
        failed = true;
        String message = "keepalived: " + ClusterChecks.message(e);
        conditions.set(status, DPUCluster.CONDITION_KEEPALIVED_READY, Conditions.FALSE, Conditions.REASON_ERROR,
            message, generation);
        events.warning(cluster, EVENT_KEEPALIVED_FAILED, message);
      }
    }
    UpdateControl<DPUCluster> control = ClusterManagers.patchConditions(cluster, before, OWNED);
    if (failed) {
      int n = failures.merge(cluster.getMetadata().getUid(), 1, Integer::sum);
      Duration retry = ClusterChecks.backoff(n, RETRY_BASE, RETRY_CAP);
      LOG.atWarn().addKeyValue("failures", n).addKeyValue("retryIn", retry).log("Kamaji cluster manager step failed");
      return control.rescheduleAfter(retry);
    }
    failures.remove(cluster.getMetadata().getUid());
    return control;
  }

  /** Service and TCP (3.7.1); sets Created and returns the API server's node port (0 when unknown). */
  private int controlPlane(DPUCluster cluster, DPUClusterStatus status, KubernetesClient client, Long generation) {
    String ns = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    GenericKubernetesResource tcp = tenantControlPlanes.get(new ResourceID(name, ns)).orElse(null);
    int nodePort;
    if (tcp == null) {
      io.fabric8.kubernetes.api.model.Service service = client.services().inNamespace(ns).withName(name).get();
      if (service == null) {
        service = createOrGet(client, KamajiObjects.service(cluster),
            () -> client.services().inNamespace(ns).withName(name).get());
      }
      nodePort = KamajiObjects.nodePort(service);
      if (nodePort == 0) {
        throw new IllegalStateException("missing NodePort for kube-apiserver");
      }
      tcp = createOrGet(client, KamajiObjects.tenantControlPlane(cluster, nodePort), () -> client
          .genericKubernetesResources(KamajiObjects.TCP_API_VERSION, KamajiObjects.TCP_KIND).inNamespace(ns)
          .withName(name).get());
      events.normal(cluster, "TenantControlPlaneCreated", "created Kamaji TenantControlPlane " + ns + "/" + name
          + " (node port " + nodePort + ")");
    } else {
      nodePort = KamajiObjects.nodePort(tcp);
    }
    if (!KamajiObjects.TCP_VERSION_READY.equals(KamajiObjects.versionStatus(tcp))) {
      conditions.set(status, DPUCluster.CONDITION_CREATED, Conditions.FALSE, DPUCluster.REASON_CLUSTER_NOT_READY,
          DPUCluster.MESSAGE_CREATING_CLUSTER, generation);
      return nodePort;
    }
    String kubeconfig = cluster.getSpec().getKubeconfig();
    if (kubeconfig == null || kubeconfig.isEmpty()) {
      ClusterManagers.publishKubeconfig(client, cluster, KamajiObjects.adminKubeconfigSecret(cluster));
    }
    conditions.set(status, DPUCluster.CONDITION_CREATED, Conditions.TRUE, DPUCluster.REASON_CREATED, "", generation);
    return nodePort;
  }

  /** Keepalived (3.7.2): applied when missing or changed; removed when the spec no longer asks for it. */
  private void keepalived(DPUCluster cluster, DPUClusterStatus status, KubernetesClient client, int nodePort,
      Long generation) {
    String ns = cluster.getMetadata().getNamespace();
    String name = KamajiObjects.keepalivedName(cluster);
    Optional<DaemonSet> existing = daemonSets.get(new ResourceID(name, ns));
    if (KamajiObjects.keepalived(cluster) == null || nodePort == 0) {
      if (existing.isPresent() && owners(existing.get()).contains(ResourceID.fromResource(cluster))) {
        client.apps().daemonSets().inNamespace(ns).withName(name).delete();
        client.configMaps().inNamespace(ns).withName(name).delete();
      }
      conditions.remove(status, DPUCluster.CONDITION_KEEPALIVED_READY);
      return;
    }
    io.fabric8.kubernetes.api.model.ConfigMap configMap = KamajiObjects.keepalivedConfigMap(cluster);
    DaemonSet daemonSet = KamajiObjects.keepalivedDaemonSet(cluster, nodePort);
    String hash = KamajiObjects.configHash(configMap, daemonSet);
    String applied = existing.map(d -> d.getMetadata().getAnnotations() == null ? null
        : d.getMetadata().getAnnotations().get(KamajiObjects.CONFIG_HASH_ANNOTATION)).orElse(null);
    if (!hash.equals(applied)) {
      daemonSet.getMetadata().setAnnotations(Map.of(KamajiObjects.CONFIG_HASH_ANNOTATION, hash));
      client.resource(configMap).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      client.resource(daemonSet).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      events.normal(cluster, EVENT_KEEPALIVED_DEPLOYED, (existing.isPresent() ? "updated" : "deployed")
          + " keepalived DaemonSet " + ns + "/" + name + " for VIP " + KamajiObjects.keepalived(cluster).getVip());
    }
    conditions.set(status, DPUCluster.CONDITION_KEEPALIVED_READY, Conditions.TRUE, DPUCluster.REASON_DEPLOYED, "",
        generation);
  }

  /** Creates the object; when it already exists (informer cache behind), reads it instead. */
  private static <T extends HasMetadata> T createOrGet(KubernetesClient client, T object,
      java.util.function.Supplier<T> get) {
    try {
      return client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        T current = get.get();
        if (current != null) {
          return current;
        }
      }
      throw e;
    }
  }
}
