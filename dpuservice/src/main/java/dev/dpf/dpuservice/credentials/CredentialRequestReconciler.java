package dev.dpf.dpuservice.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequest;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequestSpec;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequestStatus;
import dev.dpf.api.svc.v1alpha1.NamespacedName;
import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * DPUServiceCredentialRequest controller (reference dpuservice.md 14): a ServiceAccount in the target cluster, a
 * token from the TokenRequest API, and a kubeconfig or token-file Secret in the host cluster, refreshed at 80 % of
 * the token lifetime (at least daily) through a computed requeue. Renames and retargets delete the previous
 * ServiceAccount (in the previous cluster) and Secret; deletion removes both. Tokens are only ever written to the
 * Secret: never to status, events or logs.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservicecredentialrequests"},
    verbs = {"get", "list", "watch", "patch", "update"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservicecredentialrequests/status",
    "dpuservicecredentialrequests/finalizers"}, verbs = {"get", "patch", "update"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "dpuservicecredentialrequest", finalizerName = DPUServiceCredentialRequest.FINALIZER,
    fieldManager = DPUServiceCredentialRequest.FIELD_OWNER)
public class CredentialRequestReconciler implements Reconciler<DPUServiceCredentialRequest>,
    Cleaner<DPUServiceCredentialRequest> {

  private static final String ERROR = "Error occurred: ";

  private final Clock clock;
  private final RandomGenerator random;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final TargetClusters targets;
  private final Credentials credentials;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  public CredentialRequestReconciler(KubernetesClient host, DpuClusterClients dpuClusters, Clock clock,
      RandomGenerator random, StatusConditions conditions, EventRecorder events) {
    this.clock = clock;
    this.random = random;
    this.conditions = conditions;
    this.events = events;
    this.targets = new TargetClusters(host, dpuClusters);
    this.credentials = new Credentials(host);
  }

  @Override
  public List<EventSource<?, DPUServiceCredentialRequest>> prepareEventSources(
      EventSourceContext<DPUServiceCredentialRequest> context) {
    InformerEventSource<DPUCluster, DPUServiceCredentialRequest> clusters = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(DPUCluster.class, DPUServiceCredentialRequest.class)
            .withName("credential-target-clusters")
            .withWatchAllNamespaces()
            .withSecondaryToPrimaryMapper(cluster -> context.getPrimaryCache()
                .list(r -> r.getSpec() != null && r.getSpec().getTargetCluster() != null
                    && cluster.getMetadata().getName().equals(r.getSpec().getTargetCluster().getName())
                    && cluster.getMetadata().getNamespace()
                        .equals(r.getSpec().getTargetCluster().effectiveNamespace()))
                .map(ResourceID::fromResource).collect(Collectors.toSet()))
            .build(), context);
    targets.setInformer(clusters);
    return List.of(clusters);
  }

  @Override
  public UpdateControl<DPUServiceCredentialRequest> reconcile(DPUServiceCredentialRequest request,
      Context<DPUServiceCredentialRequest> context) {
    JsonNode before = Statuses.snapshot(request.getStatus());
    DPUServiceCredentialRequestStatus status = request.getStatus() == null ? new DPUServiceCredentialRequestStatus()
        : Statuses.copy(request.getStatus());
    request.setStatus(status);
    Long gen = request.getMetadata().getGeneration();
    conditions.ensure(status, DPUServiceCredentialRequest.CONDITIONS, gen);
    DPUServiceCredentialRequestSpec spec = request.getSpec();
    Instant now = clock.instant();
    Duration jitter = Duration.ofSeconds(random.nextInt(10));
    Duration requeue = null;
    boolean failed = false;
    TargetClusters.Target target = null;
    try {
      target = targets.resolve(spec.getTargetCluster());
      forgetPrevious(request, status, target);
    } catch (TargetClusters.TargetException | KubernetesClientException e) {
      failed = fail(request, status, DPUServiceCredentialRequest.CONDITION_SERVICE_ACCOUNT_RECONCILED, e, gen);
    }
    Credentials.Token token = null;
    if (target != null) {
      try {
        Map<String, String> secretData = credentials.secretData(spec.getSecret());
        String existing = CredentialSecrets.token(spec.getType(), secretData);
        if (existing == null || needsNewToken(spec, status, target, now, jitter)) {
          token = credentials.issue(request, target);
          status.setExpirationTimestamp(token.expiration().toString());
          status.setIssuedAt(token.expiration().minusSeconds(token.lifetimeSeconds()).toString());
          events.normal(request, "TokenIssued", "Issued a token for ServiceAccount " + spec.getServiceAccount()
              + " valid until " + token.expiration());
        } else {
          token = new Credentials.Token(existing, Instant.parse(status.getExpirationTimestamp()), 0);
        }
        status.setServiceAccount(spec.getServiceAccount().toString());
        status.setTargetCluster(target.key());
        status.setTargetClusterUID(target.uid());
        conditions.setTrue(status, DPUServiceCredentialRequest.CONDITION_SERVICE_ACCOUNT_RECONCILED, gen);
      } catch (KubernetesClientException e) {
        token = null;
        failed = fail(request, status, DPUServiceCredentialRequest.CONDITION_SERVICE_ACCOUNT_RECONCILED, e, gen);
      }
    }
    if (token != null) {
      try {
        credentials.writeSecret(request, CredentialSecrets.data(spec.getType(), target.access(),
            spec.getServiceAccount().effectiveNamespace(), spec.getServiceAccount().getName(), token.value()));
        status.setSecret(spec.getSecret().toString());
        conditions.setTrue(status, DPUServiceCredentialRequest.CONDITION_SECRET_RECONCILED, gen);
        requeue = TokenTiming.requeueAfter(now, Instant.parse(status.getIssuedAt()),
            Instant.parse(status.getExpirationTimestamp()), jitter);
      } catch (KubernetesClientException e) {
        failed = fail(request, status, DPUServiceCredentialRequest.CONDITION_SECRET_RECONCILED, e, gen);
      }
    }
    conditions.summarize(status, gen);
    UpdateControl<DPUServiceCredentialRequest> control = Statuses.update(request, before);
    String uid = request.getMetadata().getUid();
    if (failed) {
      int n = failures.merge(uid, 1, Integer::sum);
      return control.rescheduleAfter(Duration.ofSeconds(Math.min(300, 5L << Math.min(n - 1, 6))));
    }
    failures.remove(uid);
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }

  /** Whether the recorded token must be replaced (14.3): none, target changed, duration changed, or refresh due. */
  private static boolean needsNewToken(DPUServiceCredentialRequestSpec spec, DPUServiceCredentialRequestStatus status,
      TargetClusters.Target target, Instant now, Duration jitter) {
    if (status.getExpirationTimestamp() == null || status.getIssuedAt() == null
        || !spec.getServiceAccount().toString().equals(status.getServiceAccount())
        || !Objects.equals(target.key(), status.getTargetCluster())
        || (target.uid() != null && !target.uid().equals(status.getTargetClusterUID()))) {
      return true;
    }
    Instant issuedAt = Instant.parse(status.getIssuedAt());
    Instant expiration = Instant.parse(status.getExpirationTimestamp());
    if (spec.getDuration() != null
        && Duration.between(issuedAt, expiration).toSeconds() != TokenTiming.parseGoDuration(spec.getDuration())
            .toSeconds()) {
      return true;
    }
    return TokenTiming.refreshRequired(now, issuedAt, expiration, jitter);
  }

  /** Deletes the ServiceAccount and Secret of a previous spec (rename or retarget), in the cluster they live in. */
  private void forgetPrevious(DPUServiceCredentialRequest request, DPUServiceCredentialRequestStatus status,
      TargetClusters.Target target) {
    DPUServiceCredentialRequestSpec spec = request.getSpec();
    if (status.getServiceAccount() != null && (!status.getServiceAccount().equals(spec.getServiceAccount().toString())
        || !Objects.equals(status.getTargetCluster(), target.key()))) {
      KubernetesClient previous = previousClient(status, target);
      if (previous != null) {
        credentials.deleteServiceAccount(previous, status.getServiceAccount());
      }
      events.normal(request, "ServiceAccountRemoved", "Deleted previous ServiceAccount " + status.getServiceAccount()
          + (status.getTargetCluster() == null ? " in the host cluster" : " in DPU cluster "
          + status.getTargetCluster()));
      status.setServiceAccount(null);
      status.setTargetCluster(null);
      status.setTargetClusterUID(null);
      status.setExpirationTimestamp(null);
      status.setIssuedAt(null);
    }
    if (status.getSecret() != null && !status.getSecret().equals(spec.getSecret().toString())) {
      credentials.deleteSecret(status.getSecret());
      status.setSecret(null);
    }
  }

  /** The client of the cluster named in status (null when that DPUCluster is gone). */
  private KubernetesClient previousClient(DPUServiceCredentialRequestStatus status, TargetClusters.Target current) {
    if (Objects.equals(status.getTargetCluster(), current.key())) {
      return current.client();
    }
    try {
      return targets.resolve(parse(status.getTargetCluster())).client();
    } catch (TargetClusters.TargetException e) {
      return null; // the previous DPUCluster is gone or unusable: nothing to clean up there
    }
  }

  static NamespacedName parse(String key) {
    if (key == null) {
      return null;
    }
    int slash = key.indexOf('/');
    return new NamespacedName(key.substring(0, slash), key.substring(slash + 1));
  }

  private boolean fail(DPUServiceCredentialRequest request, DPUServiceCredentialRequestStatus status, String type,
      Exception e, Long gen) {
    conditions.setFalse(status, type, Conditions.REASON_ERROR, ERROR + e.getMessage(), gen);
    events.warning(request, "ReconcileError", e.getMessage());
    return true;
  }

  @Override
  public DeleteControl cleanup(DPUServiceCredentialRequest request, Context<DPUServiceCredentialRequest> context) {
    DPUServiceCredentialRequestStatus status = request.getStatus();
    if (status == null) {
      return DeleteControl.defaultDelete();
    }
    try {
      if (status.getServiceAccount() != null) {
        try {
          KubernetesClient client = targets.resolve(parse(status.getTargetCluster())).client();
          credentials.deleteServiceAccount(client, status.getServiceAccount());
        } catch (TargetClusters.TargetException e) {
          if (!e.notFound) {
            events.warning(request, "DeletionError", e.getMessage());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30).toMillis());
          }
        }
      }
      if (status.getSecret() != null) {
        credentials.deleteSecret(status.getSecret());
      }
    } catch (KubernetesClientException e) {
      events.warning(request, "DeletionError", e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30).toMillis());
    }
    failures.remove(request.getMetadata().getUid());
    return DeleteControl.defaultDelete();
  }
}
