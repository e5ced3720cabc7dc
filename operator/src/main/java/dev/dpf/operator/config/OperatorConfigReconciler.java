package dev.dpf.operator.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigStatus;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.runtime.DpfRuntimeConfig;
import dev.dpf.common.runtime.RuntimeSettings;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DPFOperatorConfig controller (reference §4): the singleton {@code <config-namespace>/<config-name>} switches
 * the in-process controllers on and off ({@link RuntimeSettings}), labels image pull secrets, deploys the DPU-side
 * system components as DPUServices and the host-mode node agent as a DaemonSet, prunes what a disabled component no
 * longer has (ApplySets), reports readiness, gates upgrades, and uninstalls in stages on deletion.
 */
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs"},
    verbs = {"get", "list", "watch", "patch", "update"})
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs/status", "dpfoperatorconfigs/finalizers"},
    verbs = {"get", "patch", "update"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus"}, verbs = {"list"})
@ControllerConfiguration(name = "dpfoperatorconfig", finalizerName = DPFOperatorConfig.FINALIZER,
    fieldManager = DPFOperatorConfig.FIELD_OWNER)
public class OperatorConfigReconciler implements Reconciler<DPFOperatorConfig>, Cleaner<DPFOperatorConfig> {

  static final String EVENT_INVALID_CONFIG = "InvalidConfig";
  static final String EVENT_IMAGE_PULL_SECRETS_MISSING = "ImagePullSecretsMissing";
  static final String EVENT_RECONCILE_FAILED = "SystemComponentsReconcileFailed";
  static final String EVENT_READY = "SystemComponentsReady";
  static final String EVENT_NOT_READY = "SystemComponentsNotReady";
  static final String EVENT_COMPONENT_ENABLED = "ComponentEnabled";
  static final String EVENT_COMPONENT_DISABLED = "ComponentDisabled";
  static final String EVENT_IGNORED_FIELDS = "IgnoredFields";
  static final String EVENT_UPGRADE_BLOCKED = "UpgradeValidationFailed";
  static final String EVENT_UPGRADED = "Upgraded";
  static final String EVENT_UNINSTALLING = "Uninstalling";
  static final String EVENT_UNINSTALLED = "Uninstalled";

  /** While an upgrade is blocked the validators read DPU phases, which this controller does not watch. */
  static final Duration UPGRADE_RECHECK = Duration.ofSeconds(30);
  /** Re-check of the uninstall stages (objects of every DPF kind, not watched by this controller). */
  static final Duration UNINSTALL_RECHECK = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(OperatorConfigReconciler.class);

  private final OperatorConfigOptions options;
  private final String namespace;
  private final Set<String> watchNamespaces;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final RuntimeSettings settings;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final WrittenStatuses written = new WrittenStatuses();
  private final ConfigNotices notices;
  private volatile OperatorConfigWatches watches;

  /**
   * @param namespace the singleton's namespace (resolved from the options and the operator namespace)
   * @param watchNamespaces where the uninstall deletes DPF objects; empty means all namespaces
   */
  public OperatorConfigReconciler(OperatorConfigOptions options, String namespace, Set<String> watchNamespaces,
      StatusConditions conditions, EventRecorder events, RuntimeSettings settings) {
    this.options = options;
    this.namespace = namespace;
    this.watchNamespaces = Set.copyOf(watchNamespaces);
    this.conditions = conditions;
    this.events = events;
    this.settings = settings;
    this.notices = new ConfigNotices(events, settings);
  }

  @Override
  public List<EventSource<?, DPFOperatorConfig>> prepareEventSources(EventSourceContext<DPFOperatorConfig> context) {
    watches = new OperatorConfigWatches(context, namespace, options.configName(), settings);
    return watches.all();
  }

  boolean singleton(DPFOperatorConfig config) {
    return options.configName().equals(config.getMetadata().getName())
        && namespace.equals(config.getMetadata().getNamespace());
  }

  @Override
  public UpdateControl<DPFOperatorConfig> reconcile(DPFOperatorConfig config, Context<DPFOperatorConfig> context) {
    DPFOperatorConfigStatus base = written.base(config);
    JsonNode before = Statuses.snapshot(base);
    DPFOperatorConfigStatus status = base == null ? new DPFOperatorConfigStatus() : Statuses.copy(base);
    config.setStatus(status);
    Long generation = config.getMetadata().getGeneration();
    if (!singleton(config)) {
      return reject(config, before);
    }
    conditions.ensure(status, DPFOperatorConfig.CONDITIONS, generation);
    if (config.getSpec() != null && config.getSpec().getOverrides() != null
        && config.getSpec().getOverrides().paused()) {
      if (!settings.settled()) {
        // after a restart nothing else is known: the paused spec is what the components last ran with
        settings.publish(DpfRuntimeConfig.of(config));
      }
      return UpdateControl.noUpdate();
    }
    if (status.getObservedGeneration() == null && status.getVersion() == null) {
      status.setVersion(options.version());
    }
    Variables v = Variables.of(config, options.release());
    notices.reportIgnoredFields(config);
    KubernetesClient client = context.getClient();
    long reschedule = steps(config, status, v, client);
    return finish(config, before, v, reschedule);
  }

  /** Upgrade gate, pull secrets, components; returns a re-check delay in ms, or -1. */
  private long steps(DPFOperatorConfig config, DPFOperatorConfigStatus status, Variables v,
      KubernetesClient client) {
    Long generation = config.getMetadata().getGeneration();
    String uid = config.getMetadata().getUid();
    boolean upgrading = status.getVersion() != null && !status.getVersion().equals(options.version());
    if (upgrading) {
      List<DPU> dpus = client.resources(DPU.class).inNamespace(namespace).list().getItems();
      Optional<String> blocked = ComponentReadiness.upgradeValidation(notReady(v), dpus);
      if (blocked.isPresent()) {
        if (changedMessage(status, DPFOperatorConfig.CONDITION_PRE_UPGRADE_VALIDATION_READY, blocked.get())) {
          events.warning(config, EVENT_UPGRADE_BLOCKED, "Upgrade from " + status.getVersion() + " to "
              + options.version() + " is blocked: " + blocked.get());
        }
        conditions.setFalse(status, DPFOperatorConfig.CONDITION_PRE_UPGRADE_VALIDATION_READY,
            Conditions.REASON_ERROR, blocked.get(), generation);
        return UPGRADE_RECHECK.toMillis();
      }
    }
    conditions.setTrue(status, DPFOperatorConfig.CONDITION_PRE_UPGRADE_VALIDATION_READY, generation);

    try {
      List<String> missing = new PullSecrets(client).reconcile(namespace, v.imagePullSecrets(), watches::secret,
          watches.labelledSecrets());
      if (!missing.isEmpty()) {
        String message = "Image pull secrets must be reconciled for DPF Operator to continue: "
            + Uninstall.aggregate(missing);
        if (changedMessage(status, DPFOperatorConfig.CONDITION_IMAGE_PULL_SECRETS_RECONCILED, message)) {
          events.warning(config, EVENT_IMAGE_PULL_SECRETS_MISSING, message);
        }
        conditions.setFalse(status, DPFOperatorConfig.CONDITION_IMAGE_PULL_SECRETS_RECONCILED,
            Conditions.REASON_ERROR, message, generation);
        return -1; // the Secret informer wakes us when it appears
      }
    } catch (KubernetesClientException e) {
      conditions.setFalse(status, DPFOperatorConfig.CONDITION_IMAGE_PULL_SECRETS_RECONCILED, Conditions.REASON_ERROR,
          "Image pull secrets must be reconciled for DPF Operator to continue: " + e.getMessage(), generation);
      return backoff(uid);
    }
    conditions.setTrue(status, DPFOperatorConfig.CONDITION_IMAGE_PULL_SECRETS_RECONCILED, generation);

    notices.publish(config, v.settings());
    ComponentApplier.Result applied = new ComponentApplier(client).applyAll(namespace, v, options, ComponentApplier.owner(config));
    List<String> errors = applied.errors();
    boolean retriable = applied.retriable();
    if (!errors.isEmpty()) {
      String message = Uninstall.aggregate(errors);
      if (changedMessage(status, DPFOperatorConfig.CONDITION_SYSTEM_COMPONENTS_RECONCILED, message)) {
        events.warning(config, EVENT_RECONCILE_FAILED, message);
      }
      conditions.setFalse(status, DPFOperatorConfig.CONDITION_SYSTEM_COMPONENTS_RECONCILED,
          retriable ? Conditions.REASON_ERROR : Conditions.REASON_FAILURE, message, generation);
      LOG.atWarn().addKeyValue("errors", message).log("system components not reconciled");
      // a configuration problem waits for a spec change; API errors are retried with back-off
      return retriable ? backoff(uid) : -1;
    }
    failures.remove(uid);
    conditions.setTrue(status, DPFOperatorConfig.CONDITION_SYSTEM_COMPONENTS_RECONCILED, generation);
    if (!options.version().equals(status.getVersion())) {
      events.normal(config, EVENT_UPGRADED, "DPF upgraded from " + status.getVersion() + " to " + options.version());
      status.setVersion(options.version());
    }
    return -1;
  }

  /** SystemComponentsReady, Ready, events on transitions, change-only status patch. */
  private UpdateControl<DPFOperatorConfig> finish(DPFOperatorConfig config, JsonNode before, Variables v,
      long reschedule) {
    DPFOperatorConfigStatus status = config.getStatus();
    Long generation = config.getMetadata().getGeneration();
    boolean wasReady = StatusConditions.isTrue(status, DPFOperatorConfig.CONDITION_SYSTEM_COMPONENTS_READY);
    List<String> notReady = notReady(v);
    if (notReady.isEmpty()) {
      conditions.setTrue(status, DPFOperatorConfig.CONDITION_SYSTEM_COMPONENTS_READY, generation);
      if (!wasReady) {
        events.normal(config, EVENT_READY, "All system components are ready");
      }
    } else {
      conditions.setFalse(status, DPFOperatorConfig.CONDITION_SYSTEM_COMPONENTS_READY, Conditions.REASON_ERROR,
          ComponentReadiness.message(notReady), generation);
      if (wasReady) {
        events.warning(config, EVENT_NOT_READY, ComponentReadiness.message(notReady));
      }
    }
    conditions.summarize(status, generation);
    sortConditions(status);
    return patch(config, before, reschedule);
  }

  private UpdateControl<DPFOperatorConfig> patch(DPFOperatorConfig config, JsonNode before, long reschedule) {
    UpdateControl<DPFOperatorConfig> control = Statuses.update(config, before);
    if (control.isPatchStatus()) {
      written.wrote(config, config.getStatus());
    }
    return reschedule > 0 ? control.rescheduleAfter(reschedule) : control;
  }

  private List<String> notReady(Variables v) {
    return ComponentReadiness.notReady(v, watches::dpuService, watches::daemonSet);
  }

  /** A DPFOperatorConfig other than the singleton: Ready=False/Failure, nothing else is done. */
  private UpdateControl<DPFOperatorConfig> reject(DPFOperatorConfig config, JsonNode before) {
    String message = "invalid config: only one object with name " + options.configName() + " in namespace "
        + namespace + " is allowed";
    DPFOperatorConfigStatus status = config.getStatus();
    if (changedMessage(status, Conditions.READY, message)) {
      events.warning(config, EVENT_INVALID_CONFIG, message);
    }
    conditions.setFalse(status, Conditions.READY, Conditions.REASON_FAILURE, message,
        config.getMetadata().getGeneration());
    return patch(config, before, -1);
  }

  @Override
  public DeleteControl cleanup(DPFOperatorConfig config, Context<DPFOperatorConfig> context) {
    if (!singleton(config)) {
      return DeleteControl.defaultDelete();
    }
    if (config.getSpec() != null && config.getSpec().getOverrides() != null
        && config.getSpec().getOverrides().paused()) {
      return DeleteControl.noFinalizerRemoval();
    }
    DeleteControl control = new UninstallFlow(context.getClient(), config, namespace, watchNamespaces, conditions,
        events, watches, settings, written).run();
    if (control.isRemoveFinalizer()) {
      written.forget(config);
    }
    return control;
  }

  private long backoff(String uid) {
    int n = failures.merge(uid, 1, Integer::sum);
    return Math.min(Duration.ofMinutes(5).toMillis(), 1000L << Math.min(n - 1, 9));
  }

  private static boolean changedMessage(DPFOperatorConfigStatus status, String type, String message) {
    return StatusConditions.find(status, type).map(c -> !message.equals(c.getMessage())).orElse(true);
  }

  /** Stored order as upstream shows it: Ready first, then the other types alphabetically (reference §0.3). */
  static void sortConditions(DPFOperatorConfigStatus status) {
    List<Condition> list = status.conditions();
    list.sort(Comparator.comparing((Condition c) -> !Conditions.READY.equals(c.getType()))
        .thenComparing(Condition::getType));
  }
}
