package dev.dpf.provisioning.dpucluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterStatus;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static cluster manager (reference 3.6) for DPUClusters of {@code type: static}: the user brings the control
 * plane and its admin kubeconfig Secret. Beyond upstream (which only checks that {@code spec.kubeconfig} is set),
 * it validates the Secret and connects once per Secret content before reporting {@code Created=True}:
 *
 * <ul>
 *   <li>{@code spec.kubeconfig} empty → {@code Created=False/EmptyKubeconfig} (upstream);
 *   <li>Secret missing → {@code KubeconfigSecretNotFound}; no {@code admin.conf}, not exactly one cluster and one
 *       user, no server → {@code KubeconfigSecretInvalid}; API server unreachable or credentials rejected →
 *       {@code ClusterUnreachable} (re-checked with back-off, 5 s up to 5 min);
 *   <li>otherwise {@code Created=True/Created}.
 * </ul>
 *
 * Each failure is also a Warning event with the same reason. Secret changes wake the manager through an informer on
 * Secrets (Helm release and service-account token Secrets excluded by a field selector). Once a Secret content has
 * been validated, reachability is the health controller's job. Enabled only when the DPFOperatorConfig has
 * {@code spec.staticClusterManager} (not disabled); when disabled, clusters without a Created condition get
 * {@code Created=False/ClusterManagerDisabled} and nothing else is touched.
 *
 * <p>The finalizer {@code provisioning.dpu.nvidia.com/cluster-manager-clean-up} is shared by all managers (one per
 * type), so JOSDK's finalizer handling (which would put it on every DPUCluster) is not used: the reconciler runs on
 * all events, adds the finalizer to its own type only and removes it when such a cluster is deleted.
 */
@Rbac(group = "", resources = {"secrets"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "static-cluster-manager", fieldManager = StaticClusterManagerReconciler.FIELD_MANAGER,
    generationAwareEventProcessing = false, triggerReconcilerOnAllEvents = true)
public class StaticClusterManagerReconciler implements Reconciler<DPUCluster> {

  static final String FIELD_MANAGER = "static-cluster-manager";
  static final List<String> OWNED = List.of(DPUCluster.CONDITION_CREATED);

  private static final Duration RETRY_BASE = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(StaticClusterManagerReconciler.class);
  private static final Duration RETRY_CAP = Duration.ofMinutes(5);

  private final String operatorNamespace;
  private final ClusterChecks checks;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final Map<String, String> validated = new ConcurrentHashMap<>();
  private final SimpleInboundEventSource<DPUCluster> checkEvents =
      new SimpleInboundEventSource<>("static-cluster-manager-checks");
  private volatile InformerEventSource<DPFOperatorConfig, DPUCluster> operatorConfigs;
  private volatile InformerEventSource<Secret, DPUCluster> secrets;

  StaticClusterManagerReconciler(String operatorNamespace, ClusterChecks checks, StatusConditions conditions,
      EventRecorder events) {
    this.operatorNamespace = operatorNamespace;
    this.checks = checks;
    this.conditions = conditions;
    this.events = events;
    checks.onDone(checkEvents::propagateEvent);
  }

  @Override
  public List<EventSource<?, DPUCluster>> prepareEventSources(EventSourceContext<DPUCluster> context) {
    operatorConfigs = ClusterManagers.operatorConfigSource(context, "static-cluster-manager-config",
        operatorNamespace, DPUCluster.TYPE_STATIC);
    InformerEventSourceConfiguration<Secret> secretConfig = InformerEventSourceConfiguration
        .from(Secret.class, DPUCluster.class)
        .withName("static-cluster-manager-secrets")
        .withNamespacesInheritedFromController()
        .withFieldSelector(new FieldSelector(new FieldSelector.Field("type", "helm.sh/release.v1", true),
            new FieldSelector.Field("type", "kubernetes.io/service-account-token", true)))
        .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
            .list(secret.getMetadata().getNamespace(), c -> ClusterManagers.isType(c, DPUCluster.TYPE_STATIC)
                && secret.getMetadata().getName().equals(c.getSpec().getKubeconfig()))
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()))
        .build();
    secrets = new InformerEventSource<>(secretConfig, context);
    return List.of(operatorConfigs, secrets, checkEvents);
  }

  @Override
  public UpdateControl<DPUCluster> reconcile(DPUCluster cluster, Context<DPUCluster> context) {
    if (context.isPrimaryResourceDeleted()) {
      forget(cluster);
      return UpdateControl.noUpdate();
    }
    if (!ClusterManagers.isType(cluster, DPUCluster.TYPE_STATIC)) {
      return UpdateControl.noUpdate();
    }
    if (cluster.getMetadata().getDeletionTimestamp() != null) {
      // the static manager has nothing to clean up (also when disabled: a deleted cluster must not get stuck)
      ClusterManagers.removeFinalizer(context.getClient(), cluster);
      forget(cluster);
      return UpdateControl.noUpdate();
    }
    JsonNode before = Statuses.snapshot(cluster.getStatus());
    DPUClusterStatus status = cluster.getStatus() == null ? new DPUClusterStatus() : Statuses.copy(cluster.getStatus());
    cluster.setStatus(status);
    Long generation = cluster.getMetadata().getGeneration();
    ClusterManagers.Enablement enablement = ClusterManagers.staticManager(
        ClusterManagers.operatorConfig(operatorConfigs, operatorNamespace), operatorNamespace);
    if (!enablement.enabled()) {
      ClusterManagers.markDisabled(status, conditions, enablement.disabledMessage(), generation);
      return ClusterManagers.patchConditions(cluster, before, OWNED);
    }
    if (!ClusterManagers.hasFinalizer(cluster)) {
      ClusterManagers.addFinalizer(context.getClient(), cluster, FIELD_MANAGER);
    }
    DPUClusterPhase phase = cluster.effectivePhase();
    if (phase == DPUClusterPhase.PENDING || phase == DPUClusterPhase.FAILED) {
      return ClusterManagers.patchConditions(cluster, before, OWNED);
    }
    Optional<Condition> createdBefore = StatusConditions.find(status, DPUCluster.CONDITION_CREATED);
    Duration retry = created(cluster, status, generation);
    recordTransition(cluster, createdBefore);
    UpdateControl<DPUCluster> control = ClusterManagers.patchConditions(cluster, before, OWNED);
    return retry == null ? control : control.rescheduleAfter(retry);
  }

  /** Computes Created; returns when to check again, or null when an event will come. */
  private Duration created(DPUCluster cluster, DPUClusterStatus status, Long generation) {
    String ns = cluster.getMetadata().getNamespace();
    String secretName = cluster.getSpec().getKubeconfig();
    if (secretName == null || secretName.isEmpty()) {
      conditions.set(status, DPUCluster.CONDITION_CREATED, Conditions.FALSE, DPUCluster.REASON_EMPTY_KUBECONFIG,
          DPUCluster.MESSAGE_EMPTY_KUBECONFIG, generation);
      return null;
    }
    Secret secret = secrets.get(new ResourceID(secretName, ns)).orElse(null);
    KubeconfigSecrets.Verdict verdict = KubeconfigSecrets.validate(ns, secretName, secret);
    if (verdict instanceof KubeconfigSecrets.Invalid invalid) {
      conditions.set(status, DPUCluster.CONDITION_CREATED, Conditions.FALSE, invalid.reason(), invalid.message(),
          generation);
      return null;
    }
    KubeconfigSecrets.Valid valid = (KubeconfigSecrets.Valid) verdict;
    String uid = cluster.getMetadata().getUid();
    if (valid.fingerprint().equals(validated.get(uid))) {
      conditions.set(status, DPUCluster.CONDITION_CREATED, Conditions.TRUE, DPUCluster.REASON_CREATED, "", generation);
      return null;
    }
    String key = uid + "/" + valid.fingerprint();
    Optional<ClusterChecks.Result> result = checks.latest(key);
    Instant now = conditions.clock().instant();
    Duration wait = result.map(r -> r.ok() ? Duration.ZERO
        : ClusterChecks.backoff(r.failures(), RETRY_BASE, RETRY_CAP)).orElse(Duration.ZERO);
    boolean fresh = result.isPresent() && result.get().freshAt(now, wait);
    if (result.isPresent() && result.get().ok()) {
      validated.put(uid, valid.fingerprint());
      checks.forget(uid);
      conditions.set(status, DPUCluster.CONDITION_CREATED, Conditions.TRUE, DPUCluster.REASON_CREATED, "", generation);
      return null;
    }
    if (!fresh) {
      checks.start(key, ResourceID.fromResource(cluster), () -> KubeconfigSecrets.connect(valid));
    }
    if (result.isEmpty()) {
      return null;
    }
    conditions.set(status, DPUCluster.CONDITION_CREATED, Conditions.FALSE, KubeconfigSecrets.REASON_CLUSTER_UNREACHABLE,
        result.get().detail(), generation);
    return fresh ? Duration.between(now, result.get().at().plus(wait)).plusMillis(1) : null;
  }

  private void recordTransition(DPUCluster cluster, Optional<Condition> before) {
    Condition now = StatusConditions.find(cluster.getStatus(), DPUCluster.CONDITION_CREATED).orElse(null);
    if (now == null || (before.isPresent() && Objects.equals(before.get().getStatus(), now.getStatus())
        && Objects.equals(before.get().getReason(), now.getReason())
        && Objects.equals(before.get().getMessage(), now.getMessage()))) {
      return;
    }
    String name = cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName();
    LOG.atInfo().addKeyValue("status", now.getStatus()).addKeyValue("reason", now.getReason())
        .log("static DPU cluster Created condition changed");
    if (Conditions.TRUE.equals(now.getStatus())) {
      events.normal(cluster, DPUCluster.REASON_CREATED, "static DPU cluster " + name + " uses kubeconfig Secret "
          + cluster.getSpec().getKubeconfig());
    } else {
      events.warning(cluster, now.getReason(), now.getMessage());
    }
  }

  private void forget(DPUCluster cluster) {
    validated.remove(cluster.getMetadata().getUid());
    checks.forget(cluster.getMetadata().getUid());
  }
}
