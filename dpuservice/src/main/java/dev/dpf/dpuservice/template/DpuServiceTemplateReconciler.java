package dev.dpf.dpuservice.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplateStatus;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import dev.dpf.dpuservice.dpudeployment.Digests;
import dev.dpf.dpuservice.dpudeployment.Quantities;
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
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * DPUServiceTemplate controller (reference dpuservice.md 13, v25.x+): pulls the chart once per
 * {@code spec.helmChart.source} (cached by the source's digest), publishes the supported Chart.yaml annotations as
 * {@code status.versions}, and reports {@code DPUServiceTemplateReconciled}. Pulls run on a background executor and
 * wake the reconciler when done; a failed pull is retried with exponential back-off.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservicetemplates"},
    verbs = {"get", "list", "watch", "patch", "update"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservicetemplates/status", "dpuservicetemplates/finalizers"},
    verbs = {"get", "patch", "update"})
@ControllerConfiguration(name = "dpuservicetemplate", finalizerName = DPUServiceTemplate.FINALIZER,
    fieldManager = DPUServiceTemplate.FIELD_OWNER)
public class DpuServiceTemplateReconciler implements Reconciler<DPUServiceTemplate>, Cleaner<DPUServiceTemplate> {

  private record Pull(String digest, CompletableFuture<Map<String, String>> result) {}

  private final ChartFetcher fetcher;
  private final RepositoryCredentials credentials;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final ExecutorService executor;
  private final Map<String, Pull> pulls = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final SimpleInboundEventSource<DPUServiceTemplate> done = new SimpleInboundEventSource<>("chart-pulls");

  public DpuServiceTemplateReconciler(ChartFetcher fetcher, RepositoryCredentials credentials,
      StatusConditions conditions, EventRecorder events, ExecutorService executor) {
    this.fetcher = fetcher;
    this.credentials = credentials;
    this.conditions = conditions;
    this.events = events;
    this.executor = executor;
  }

  @Override
  public List<EventSource<?, DPUServiceTemplate>> prepareEventSources(
      EventSourceContext<DPUServiceTemplate> context) {
    return List.of(done);
  }

  @Override
  public UpdateControl<DPUServiceTemplate> reconcile(DPUServiceTemplate template,
      Context<DPUServiceTemplate> context) {
    JsonNode before = Statuses.snapshot(template.getStatus());
    DPUServiceTemplateStatus status = template.getStatus() == null ? new DPUServiceTemplateStatus()
        : Statuses.copy(template.getStatus());
    template.setStatus(status);
    Long gen = template.getMetadata().getGeneration();
    conditions.ensure(status, DPUServiceTemplate.CONDITIONS, gen);
    Duration retry = null;
    String invalid = validate(template);
    if (invalid != null) {
      conditions.setFalse(status, DPUServiceTemplate.CONDITION_DPUSERVICE_TEMPLATE_RECONCILED,
          Conditions.REASON_FAILURE, "Error occurred: " + invalid, gen);
    } else {
      String key = template.getMetadata().getUid();
      String digest = Digests.digest10(template.getSpec().getHelmChart().getSource());
      Pull pull = pulls.get(key);
      if (pull == null || !pull.digest().equals(digest)) {
        pull = start(template, digest);
      }
      if (!pull.result().isDone()) {
        conditions.setFalse(status, DPUServiceTemplate.CONDITION_DPUSERVICE_TEMPLATE_RECONCILED,
            Conditions.REASON_PENDING, "pulling chart " + chart(template), gen);
      } else {
        try {
          Map<String, String> annotations = pull.result().join();
          Map<String, String> versions = new TreeMap<>();
          DPUServiceTemplate.SUPPORTED_VERSION_KEYS.forEach(k -> {
            if (annotations.containsKey(k)) {
              versions.put(k, annotations.get(k));
            }
          });
          status.setVersions(versions.isEmpty() ? null : versions);
          conditions.setTrue(status, DPUServiceTemplate.CONDITION_DPUSERVICE_TEMPLATE_RECONCILED, gen);
          failures.remove(key);
        } catch (RuntimeException e) {
          String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
          conditions.setFalse(status, DPUServiceTemplate.CONDITION_DPUSERVICE_TEMPLATE_RECONCILED,
              Conditions.REASON_ERROR, "Error occurred: " + message, gen);
          events.warning(template, "ChartPullFailed", "pulling chart " + chart(template) + " failed: " + message);
          int n = failures.merge(key, 1, Integer::sum);
          retry = Duration.ofSeconds(Math.min(300, 5L << Math.min(n - 1, 6)));
          pulls.remove(key); // the next reconcile, after the back-off, pulls again
        }
      }
    }
    conditions.summarize(status, gen);
    UpdateControl<DPUServiceTemplate> control = Statuses.update(template, before);
    return retry == null ? control : control.rescheduleAfter(retry);
  }

  private Pull start(DPUServiceTemplate template, String digest) {
    String key = template.getMetadata().getUid();
    ResourceID id = ResourceID.fromResource(template);
    var source = template.getSpec().getHelmChart().getSource();
    CompletableFuture<Map<String, String>> result = CompletableFuture.supplyAsync(() -> {
      try {
        return fetcher.annotations(source, credentials.lookup(source));
      } catch (IOException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, executor);
    Pull pull = new Pull(digest, result);
    pulls.put(key, pull);
    result.whenComplete((r, e) -> done.propagateEvent(id));
    return pull;
  }

  private static String validate(DPUServiceTemplate template) {
    Map<String, io.fabric8.kubernetes.api.model.IntOrString> req = template.getSpec().getResourceRequirements();
    if (req != null) {
      for (Map.Entry<String, io.fabric8.kubernetes.api.model.IntOrString> e : req.entrySet()) {
        try {
          Quantities.parse(e.getValue());
        } catch (IllegalArgumentException ex) {
          return "spec.resourceRequirements[" + e.getKey() + "]: " + ex.getMessage();
        }
      }
    }
    return null;
  }

  private static String chart(DPUServiceTemplate t) {
    var s = t.getSpec().getHelmChart().getSource();
    return dev.dpf.common.util.Urls.redact(s.getRepoURL()) + " " + s.getChart() + ":" + s.getVersion();
  }

  @Override
  public DeleteControl cleanup(DPUServiceTemplate template, Context<DPUServiceTemplate> context) {
    pulls.remove(template.getMetadata().getUid());
    failures.remove(template.getMetadata().getUid());
    return DeleteControl.defaultDelete();
  }
}
