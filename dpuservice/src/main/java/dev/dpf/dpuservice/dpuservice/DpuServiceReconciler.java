package dev.dpf.dpuservice.dpuservice;

import static dev.dpf.api.svc.v1alpha1.DPUService.CONDITION_APPLICATIONS_READY;
import static dev.dpf.api.svc.v1alpha1.DPUService.CONDITION_APPLICATIONS_RECONCILED;
import static dev.dpf.api.svc.v1alpha1.DPUService.CONDITION_APPLICATION_PREREQS_RECONCILED;
import static dev.dpf.api.svc.v1alpha1.DPUService.CONDITION_CONFIG_PORTS_RECONCILED;
import static dev.dpf.api.svc.v1alpha1.DPUService.CONDITION_DPUSERVICE_INTERFACE_RECONCILED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceStatus;
import dev.dpf.api.svc.v1alpha1.ServiceDaemonSetValues;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.cluster.DpuClusterRuntime;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.runtime.OperatorSettings;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import dev.dpf.dpuservice.argocd.Applications;
import dev.dpf.dpuservice.argocd.Applications.Target;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DPUService controller (reference 10): for every Ready DPUCluster, the Application prerequisites and one Argo CD
 * Application per DPUService, or one Application to the host cluster for {@code deployInCluster}; interfaces,
 * config ports, pause, ordered deletion; conditions per 3.4 with the Ready summary.
 *
 * <p>Each step that fails sets its condition {@code False/Error} and records a Warning event. Failures of API calls
 * are retried with back-off (the status is still written, see {@link #updateErrorStatus}); failures that only an
 * event can cure (a missing or foreign DPUServiceInterface, a chart Service that does not exist yet) wait for it.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservices"}, verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservices/status", "dpuservices/finalizers"},
    verbs = {"get", "update", "patch"})
@ControllerConfiguration(name = "dpuservice", finalizerName = DPUService.FINALIZER,
    fieldManager = DPUService.FIELD_OWNER, generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = DpuServiceReconciler.SpecOrMetadataChanged.class))
@GradualRetry(maxAttempts = -1, initialInterval = 2_000, intervalMultiplier = 2, maxInterval = 300_000)
public class DpuServiceReconciler implements Reconciler<DPUService>, Cleaner<DPUService> {

  static final Duration DELETION_RECHECK = Duration.ofSeconds(30);

  private final StatusConditions conditions;
  private final EventRecorder events;
  private final DpuClusterClients dpuClusters;
  private final DpuClusterServices remote;
  private final DpuClusterRuntime runtime;
  private final String operatorNamespace;
  private final OperatorSettings settings;
  private final ApplyMemo sharedMemo;
  private final ApplyMemo credentialMemo;

  private DpuServiceEventSources sources;
  private Targets targets;
  private InterfaceBinding interfaces;
  private Prerequisites prerequisites;
  private ApplicationSync applications;
  private ConfigPortsSync configPorts;

  public DpuServiceReconciler(StatusConditions conditions, EventRecorder events, DpuClusterClients dpuClusters,
      DpuClusterServices remote, DpuClusterRuntime runtime, OperatorSettings settings, Clock clock) {
    this.conditions = conditions;
    this.events = events;
    this.dpuClusters = dpuClusters;
    this.remote = remote;
    this.runtime = runtime;
    this.settings = settings;
    this.operatorNamespace = settings.operatorNamespace();
    this.sharedMemo = new ApplyMemo(clock, Duration.ofMinutes(10));
    this.credentialMemo = new ApplyMemo(clock, Duration.ofMinutes(1));
  }

  @Override
  public List<EventSource<?, DPUService>> prepareEventSources(EventSourceContext<DPUService> context) {
    sources = new DpuServiceEventSources(context, settings);
    targets = new Targets(sources.clusters);
    interfaces = new InterfaceBinding(context.getClient(), sources.interfaces);
    prerequisites = new Prerequisites(context.getClient(), dpuClusters, sharedMemo, credentialMemo);
    applications = new ApplicationSync(context.getClient(), sources.applications, events);
    configPorts = new ConfigPortsSync(context.getClient(), remote, sources.hostServices, sources.hostSlices);
    remote.listener(new DpuClusterServices.Listener() {
      @Override
      public void serviceChanged(String namespace, String name) {
        sources.wake(namespace, name);
      }

      @Override
      public void nodesChanged(DpuClusterClients.ClusterRef cluster) {
        sources.wakeAll(s -> s.getSpec() != null && s.getSpec().getConfigPorts() != null);
      }
    });
    runtime.onClustersChanged(ready -> sources.wakeAll(s -> true));
    return sources.all();
  }

  @Override
  public UpdateControl<DPUService> reconcile(DPUService service, Context<DPUService> context) {
    JsonNode before = Statuses.snapshot(service.getStatus());
    DPUServiceStatus status = service.getStatus() == null ? new DPUServiceStatus()
        : Statuses.copy(service.getStatus());
    service.setStatus(status);
    conditions.ensure(status, DPUService.CONDITIONS, service.getMetadata().getGeneration());
    Targets.Clusters clusters = targets.clusters();
    StepException failure = null;
    try {
      run(service, status, clusters);
    } catch (StepException e) {
      failure = e;
    }
    finish(service, status, clusters);
    if (failure != null && failure.retry()) {
      throw new RetriedFailure(failure.getMessage(), before, status, failure);
    }
    return Statuses.update(service, before);
  }

  private void run(DPUService service, DPUServiceStatus status, Targets.Clusters clusters) throws StepException {
    List<DPFOperatorConfig> configs = sources.operatorConfigs.list(operatorNamespace).toList();
    if (configs.size() != 1) {
      fail(service, status, CONDITION_APPLICATION_PREREQS_RECONCILED, "Unable to reconcile application prereq for ",
          new StepException("exactly one DPFOperatorConfig necessary (found " + configs.size() + " in namespace "
              + operatorNamespace + ")", false));
    }
    DPFOperatorConfig operatorConfig = configs.get(0);
    String serviceId = ServiceIds.effective(service);
    status.setServiceID(serviceId);
    if (service.paused()) {
      try {
        applications.pause(service, operatorNamespace);
      } catch (StepException e) {
        fail(service, status, CONDITION_APPLICATIONS_RECONCILED, "Unable to reconcile Applications: ", e);
      }
      return;
    }
    ServiceDaemonSetValues serviceDaemonSet;
    try {
      serviceDaemonSet = interfaces.effective(service, serviceId);
    } catch (StepException | RuntimeException e) {
      throw fail(service, status, CONDITION_DPUSERVICE_INTERFACE_RECONCILED, "Unable to reconcile interfaces for ", e);
    }
    succeed(service, status, CONDITION_DPUSERVICE_INTERFACE_RECONCILED);

    List<DpuClusterClients.ClusterRef> ready = clusters.readyRefs();
    String namespace = service.getMetadata().getNamespace();
    try {
      prerequisites.reconcile(service, ready, clusters.existingRefs(), operatorConfig,
          sources.pullSecrets.list(namespace).toList());
    } catch (StepException | RuntimeException e) {
      throw fail(service, status, CONDITION_APPLICATION_PREREQS_RECONCILED,
          "Unable to reconcile application prereq for ", e);
    }
    succeed(service, status, CONDITION_APPLICATION_PREREQS_RECONCILED);

    boolean systemComponent = service.getMetadata().getLabels() != null
        && service.getMetadata().getLabels().containsKey(ServiceLabels.COMPONENT);
    ServiceDaemonSetValues effective = serviceDaemonSet;
    try {
      clusters.checkUniqueNames();
      LabelSelector selector = service.getSpec().getDpuClusterSelector();
      List<Target> desired = service.deploysInCluster() ? List.of(Target.IN_CLUSTER)
          : clusters.readyTargets(selector);
      Set<String> keep = (service.deploysInCluster() ? List.of(Target.IN_CLUSTER)
          : clusters.existingTargets(selector))
          .stream().map(t -> Applications.name(t, service)).collect(Collectors.toSet());
      Map<String, Object> userValues = service.getSpec().getHelmChart().getValues();
      applications.reconcile(service, desired, keep, target -> HelmValues.compute(new HelmValues.Inputs(effective,
          serviceId, service.getSpec().getConfigPorts(), service.getMetadata().getName(), namespace, systemComponent,
          target.clusterName()), userValues), operatorNamespace);
    } catch (StepException | RuntimeException e) {
      throw fail(service, status, CONDITION_APPLICATIONS_RECONCILED, "Unable to reconcile Applications: ", e);
    }
    succeed(service, status, CONDITION_APPLICATIONS_RECONCILED);

    try {
      configPorts.reconcile(service, service.deploysInCluster() ? List.of()
          : clusters.selectedReady(service.getSpec().getDpuClusterSelector()).stream()
              .map(DpuClusterRuntime::ref).toList());
    } catch (StepException | RuntimeException e) {
      throw fail(service, status, CONDITION_CONFIG_PORTS_RECONCILED, "Unable to reconcile Config Ports: ", e);
    }
    succeed(service, status, CONDITION_CONFIG_PORTS_RECONCILED);
  }

  /** Exit action of every reconcile (10.2 step 2): readiness, config-port status, Ready summary. */
  private void finish(DPUService service, DPUServiceStatus status, Targets.Clusters clusters) {
    Long generation = service.getMetadata().getGeneration();
    int expected = service.deploysInCluster() ? 1
        : clusters.selectedReady(service.getSpec().getDpuClusterSelector()).size();
    ApplicationsReadiness.Result readiness =
        ApplicationsReadiness.evaluate(applications.cached(service, operatorNamespace), expected);
    if (readiness.ready()) {
      conditions.setTrue(status, CONDITION_APPLICATIONS_READY, generation);
    } else {
      conditions.setFalse(status, CONDITION_APPLICATIONS_READY, Conditions.REASON_PENDING, readiness.message(),
          generation);
    }
    status.setConfigPorts(configPorts.status(service, clusters.existingNames()));
    conditions.summarize(status, generation);
  }

  private void succeed(DPUService service, DPUServiceStatus status, String condition) {
    conditions.setTrue(status, condition, service.getMetadata().getGeneration());
  }

  private StepException fail(DPUService service, DPUServiceStatus status, String condition, String prefix,
      Exception cause) throws StepException {
    boolean retry = !(cause instanceof StepException s) || s.retry();
    String detail = cause instanceof KubernetesClientException k ? Prerequisites.message(k) : cause.getMessage();
    String message = prefix + detail;
    conditions.setFalse(status, condition, Conditions.REASON_ERROR, message, service.getMetadata().getGeneration());
    events.warning(service, condition + "Error", message);
    throw new StepException(message, retry, cause);
  }

  /** A failed reconcile that JOSDK retries with back-off; its status is still written here. */
  @Override
  public ErrorStatusUpdateControl<DPUService> updateErrorStatus(DPUService service, Context<DPUService> context,
      Exception e) {
    if (e instanceof RetriedFailure f) {
      service.setStatus(f.status);
      f.status.setObservedGeneration(service.getMetadata().getGeneration());
      if (Statuses.changed(f.before, f.status)) {
        return ErrorStatusUpdateControl.patchStatus(Statuses.statusPatch(service));
      }
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public DeleteControl cleanup(DPUService service, Context<DPUService> context) {
    return new DpuServiceDeletion(conditions, events, applications, interfaces, prerequisites, configPorts,
        operatorNamespace).run(service, context, targets.clusters(), this::finish);
  }

  /** Reconcile on spec, label, annotation, finalizer or deletion changes; not on status-only updates. */
  public static final class SpecOrMetadataChanged implements OnUpdateFilter<DPUService> {
    @Override
    public boolean accept(DPUService a, DPUService b) {
      return !Objects.equals(a.getMetadata().getGeneration(), b.getMetadata().getGeneration())
          || !Objects.equals(a.getMetadata().getLabels(), b.getMetadata().getLabels())
          || !Objects.equals(a.getMetadata().getAnnotations(), b.getMetadata().getAnnotations())
          || !Objects.equals(a.getMetadata().getFinalizers(), b.getMetadata().getFinalizers())
          || !Objects.equals(a.getMetadata().getDeletionTimestamp(), b.getMetadata().getDeletionTimestamp());
    }
  }

  /** Carries the computed status of a failed reconcile to {@link #updateErrorStatus}. */
  static final class RetriedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient JsonNode before;
    final transient DPUServiceStatus status;

    RetriedFailure(String message, JsonNode before, DPUServiceStatus status, Throwable cause) {
      super(message, cause);
      this.before = before;
      this.status = status;
    }
  }
}
