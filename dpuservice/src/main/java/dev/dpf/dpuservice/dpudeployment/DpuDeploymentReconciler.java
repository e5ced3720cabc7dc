package dev.dpf.dpuservice.dpudeployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.common.DpfStatus;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentStatus;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * DPUDeployment controller (reference dpuservice.md 12): dependencies → version matching → resource fitting →
 * DPUServices and DPUServiceInterfaces → DPUServiceChain → DPUSets, then the readiness summary; ordered deletion.
 * Children are written with server-side apply (field owner {@code dpudeploymentcontroller}), carry the owner label
 * and a controller reference, and are watched, so readiness changes wake the reconciler (no polling).
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpudeployments"}, verbs = {"get", "list", "watch", "patch", "update"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpudeployments/status", "dpudeployments/finalizers"},
    verbs = {"get", "patch", "update"})
@ControllerConfiguration(name = "dpudeployment", finalizerName = DPUDeployment.FINALIZER,
    fieldManager = DPUDeployment.FIELD_OWNER)
public class DpuDeploymentReconciler implements Reconciler<DPUDeployment>, Cleaner<DPUDeployment> {

  static final String ERROR = "Error occurred: ";
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final StatusConditions conditions;
  private final EventRecorder events;
  private final Sources sources = new Sources();
  private final Children children;
  private final Dependencies dependencies;
  private final ServiceStep serviceStep;
  private final ChainStep chainStep;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  public DpuDeploymentReconciler(KubernetesClient client, StatusConditions conditions, EventRecorder events,
      RandomGenerator random) {
    this.conditions = conditions;
    this.events = events;
    this.children = new Children(client);
    this.dependencies = new Dependencies(sources, client);
    this.serviceStep = new ServiceStep(sources, children, events, random);
    this.chainStep = new ChainStep(sources, children, events, random);
  }

  @Override
  public List<EventSource<?, DPUDeployment>> prepareEventSources(EventSourceContext<DPUDeployment> context) {
    return sources.create(context);
  }

  @Override
  public UpdateControl<DPUDeployment> reconcile(DPUDeployment dep, Context<DPUDeployment> context) {
    JsonNode before = Statuses.snapshot(dep.getStatus());
    DPUDeploymentStatus status = dep.getStatus() == null ? new DPUDeploymentStatus() : Statuses.copy(dep.getStatus());
    dep.setStatus(status);
    Long gen = dep.getMetadata().getGeneration();
    conditions.ensure(status, DPUDeployment.CONDITIONS, gen);
    boolean retry = false;
    try {
      retry = steps(dep, status, gen);
    } catch (KubernetesClientException e) {
      events.warning(dep, "ReconcileError", e.getMessage());
      retry = true;
    }
    summarize(dep, status, gen);
    UpdateControl<DPUDeployment> control = Statuses.update(dep, before);
    String uid = dep.getMetadata().getUid();
    if (retry) {
      int n = failures.merge(uid, 1, Integer::sum);
      long seconds = Math.min(MAX_BACKOFF.toSeconds(), 5L << Math.min(n - 1, 10));
      return control.rescheduleAfter(Duration.ofSeconds(seconds));
    }
    failures.remove(uid);
    return control;
  }

  /** Runs the steps; returns whether a recoverable error asks for a retry. */
  private boolean steps(DPUDeployment dep, DPUDeploymentStatus status, Long gen) {
    Dependencies.Resolved deps;
    try {
      deps = dependencies.resolve(dep);
    } catch (Dependencies.DependencyException e) {
      conditions.setFalse(status, DPUDeployment.CONDITION_PREREQUISITES_READY, Conditions.REASON_PENDING,
          ERROR + "error while getting the DPUDeployment dependencies: " + e.getMessage(), gen);
      return false; // the dependencies are watched
    }
    try {
      dependencies.mark(dep, deps);
      dependencies.release(dep, deps);
    } catch (KubernetesClientException e) {
      conditions.setFalse(status, DPUDeployment.CONDITION_PREREQUISITES_READY, Conditions.REASON_PENDING,
          ERROR + "error while marking DPUDeployment dependencies: " + e.getMessage(), gen);
      return true;
    }
    conditions.setTrue(status, DPUDeployment.CONDITION_PREREQUISITES_READY, gen);
    List<String> versions = VersionMatching.check(deps.bfb(), deps.templates().values());
    if (!versions.isEmpty()) {
      conditions.setFalse(status, DPUDeployment.CONDITION_VERSION_MATCHING_READY, Conditions.REASON_ERROR,
          ERROR + String.join(", ", versions), gen);
      return false;
    }
    conditions.setTrue(status, DPUDeployment.CONDITION_VERSION_MATCHING_READY, gen);
    String fit = ResourceFitting.check(deps.flavor().getSpec().getDpuResources(),
        deps.flavor().getSpec().getSystemReservedResources(),
        deps.templates().values().stream().map(t -> t.getSpec().getResourceRequirements()).toList());
    if (fit != null) {
      conditions.setFalse(status, DPUDeployment.CONDITION_RESOURCE_FITTING_READY, Conditions.REASON_FAILURE,
          ERROR + fit, gen);
      events.warning(dep, "ResourceFittingFailed", fit);
      return false;
    }
    conditions.setTrue(status, DPUDeployment.CONDITION_RESOURCE_FITTING_READY, gen);

    boolean retry = false;
    Rollout rollout = new Rollout();
    ServiceStep.Result services = serviceStep.run(dep, deps, rollout);
    retry |= step(status, DPUDeployment.CONDITION_DPUSERVICES_RECONCILED, services.serviceErrors(), gen);
    retry |= step(status, DPUDeployment.CONDITION_DPUSERVICEINTERFACES_RECONCILED, services.interfaceErrors(), gen);
    String chainError;
    try {
      chainError = chainStep.run(dep, deps, rollout);
    } catch (KubernetesClientException e) {
      chainError = e.getMessage();
      retry = true;
    }
    step(status, DPUDeployment.CONDITION_DPUSERVICECHAINS_RECONCILED,
        chainError == null ? List.of() : List.of(chainError), gen);
    Set<String> labelKeys = new LinkedHashSet<>();
    deps.configurations().forEach((key, config) -> {
      if (!config.getSpec().deploysInCluster()) {
        labelKeys.add(ServiceLabels.dpuServiceVersionLabel(key));
      }
    });
    if (!dep.getSpec().serviceChainsErrors().isEmpty() || !dep.getSpec().switches().isEmpty()) {
      labelKeys.add(ServiceLabels.DPUSERVICECHAIN_VERSION);
    }
    try {
      ChainStep.dpuSets(dep, sources, children, rollout, labelKeys);
      conditions.setTrue(status, DPUDeployment.CONDITION_DPUSETS_RECONCILED, gen);
    } catch (KubernetesClientException e) {
      conditions.setFalse(status, DPUDeployment.CONDITION_DPUSETS_RECONCILED, Conditions.REASON_ERROR,
          ERROR + e.getMessage(), gen);
      retry = true;
    }
    return retry;
  }

  /** Sets a *Reconciled condition from a step's errors; returns whether there were any. */
  private boolean step(DPUDeploymentStatus status, String type, List<String> errors, Long gen) {
    if (errors.isEmpty()) {
      conditions.setTrue(status, type, gen);
      return false;
    }
    conditions.setFalse(status, type, Conditions.REASON_ERROR, ERROR + String.join(", ", errors), gen);
    return true;
  }

  /** The exit action (12.11): readiness of the generated objects, then the Ready summary. */
  private void summarize(DPUDeployment dep, DPUDeploymentStatus status, Long gen) {
    if (sources.services != null) {
      readiness(dep, status, gen, DPUDeployment.CONDITION_DPUSERVICES_READY, sources.services,
          DPUService::getStatus);
      readiness(dep, status, gen, DPUDeployment.CONDITION_DPUSERVICEINTERFACES_READY, sources.interfaces,
          DPUServiceInterface::getStatus);
      readiness(dep, status, gen, DPUDeployment.CONDITION_DPUSERVICECHAINS_READY, sources.chains,
          DPUServiceChain::getStatus);
      readiness(dep, status, gen, DPUDeployment.CONDITION_DPUSETS_READY, sources.dpuSets, DPUSet::getStatus);
    }
    conditions.summarize(status, gen);
  }

  private <T extends HasMetadata> void readiness(DPUDeployment dep, DPUDeploymentStatus status, Long gen,
      String type, InformerEventSource<T, DPUDeployment> source, Function<T, ? extends DpfStatus> statusOf) {
    List<String> notReady = new ArrayList<>();
    for (T obj : Sources.ownedBy(source, dep)) {
      if (!Rollout.ready(obj, statusOf)) {
        notReady.add(obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName());
      }
    }
    if (notReady.isEmpty()) {
      conditions.setTrue(status, type, gen);
    } else {
      notReady.sort(null);
      conditions.setFalse(status, type, Conditions.REASON_PENDING, "Objects not ready: " + String.join(",", notReady),
          gen);
    }
  }

  @Override
  public DeleteControl cleanup(DPUDeployment dep, Context<DPUDeployment> context) {
    return new Deletion(children, dependencies, conditions, events).run(dep, context);
  }
}
