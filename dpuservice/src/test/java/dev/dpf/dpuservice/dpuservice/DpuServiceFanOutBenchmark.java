package dev.dpf.dpuservice.dpuservice;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.common.testing.bench.ApiRequests;
import dev.dpf.common.testing.bench.ObjectWrites;
import dev.dpf.common.testing.bench.Report;
import dev.dpf.dpuservice.DpuServiceModule;
import dev.dpf.dpuservice.argocd.ArgoCd;
import dev.dpf.dpuservice.argocd.ArgoCdStandIn;
import dev.dpf.testing.KubeTestContext;
import dev.dpf.testing.LocalControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans DPUServices out to DPU clusters: M static, Ready DPUClusters (each its own API server, {@link
 * DpuClusterFixtures}) and K DPUServices targeting all of them, so K x M Argo CD Applications, with the real
 * dpuservice controllers ({@link DpuServiceModule}). Argo CD does not run here: an informer-driven stand-in reports
 * each new Application {@code Synced}/{@code Healthy} as soon as it appears (what {@link ArgoCdStandIn} does on
 * request in the tests), so the time measured is the operator's, not Argo CD's. Prints how long until every
 * Application exists and every DPUService is Ready, per-DPUService latencies, API requests and object writes, and
 * then, with everything Ready, the writes and reconciles during an idle window (expected: none). Asserts nothing; not
 * run by the test suite ({@code hack/bench.sh dpuservice-fanout}).
 *
 * <p>Arguments: {@code [dpuClusters=5] [dpuServices=50] [idleSeconds=20] [timeoutSeconds=150]}.
 */
public final class DpuServiceFanOutBenchmark {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private DpuServiceFanOutBenchmark() {}

  public static void main(String[] args) throws Exception {
    int clusters = Report.intArg(args, 0, 5);
    int services = Report.intArg(args, 1, 50);
    int idleSeconds = Report.intArg(args, 2, 20);
    int timeoutSeconds = Report.intArg(args, 3, 150);
    Report report = new Report("DpuServiceFanOutBenchmark: " + services + " DPUServices x " + clusters
        + " DPU clusters");

    long setupStart = System.nanoTime();
    String ns = "bench-dpusvc-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    KubeTestContext kube = KubeTestContext.open(ns);
    KubernetesClient client = kube.client();
    client.resource(SERIALIZATION.unmarshal("""
        apiVersion: operator.dpu.nvidia.com/v1alpha1
        kind: DPFOperatorConfig
        metadata: {name: dpfoperatorconfig}
        spec: {provisioningController: {bfbPVCName: bfb-pvc}}
        """, DPFOperatorConfig.class)).create();
    List<LocalControlPlane> dpuPlanes = new ArrayList<>();
    for (int i = 1; i <= clusters; i++) {
      DpuClusterFixtures.readyStaticCluster(kube, i, "dpu-cluster-" + i);
      dpuPlanes.add(kube.dpuCluster(i));
    }
    ArgoCdStandIn argo = new ArgoCdStandIn(client, ns);
    ExecutorService argoWorkers = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "argocd-stand-in");
      t.setDaemon(true);
      return t;
    });
    AtomicLong argoReports = new AtomicLong();
    SharedIndexInformer<GenericKubernetesResource> argoInformer = client.genericKubernetesResources(
        ArgoCd.API_VERSION, ArgoCd.APPLICATION).inNamespace(ns).inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource app) {
            sync(app);
          }

          @Override
          public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource app) {
            sync(app);
          }

          @Override
          public void onDelete(GenericKubernetesResource app, boolean unknown) {}

          private void sync(GenericKubernetesResource app) {
            if (app.getMetadata().getDeletionTimestamp() != null || syncedAndHealthy(app)) {
              return;
            }
            argoWorkers.submit(() -> {
              argo.report(app.getMetadata().getName(), ArgoCd.SYNCED, ArgoCd.HEALTHY);
              argoReports.incrementAndGet();
            });
          }
        });
    ControllerHarness harness = ControllerHarness.start(kube, new DpuServiceModule()::register);
    long setupMs = Report.millisSince(setupStart);

    // observers: per-DPUService Application count and Ready time, writes per kind, requests per API server
    long[] start = {0};
    Map<String, Long> readyAt = new ConcurrentHashMap<>();
    Map<String, Long> allAppsAt = new ConcurrentHashMap<>();
    Map<String, Long> firstAppAt = new ConcurrentHashMap<>();
    Map<String, Long> appCount = new ConcurrentHashMap<>();
    SharedIndexInformer<DPUService> serviceInformer = client.resources(DPUService.class).inNamespace(ns).inform(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(DPUService s) {
            check(s);
          }

          @Override
          public void onUpdate(DPUService old, DPUService s) {
            check(s);
          }

          @Override
          public void onDelete(DPUService s, boolean unknown) {}

          private void check(DPUService s) {
            if (s.getStatus() != null && StatusConditions.isTrue(s.getStatus(), Conditions.READY)) {
              readyAt.putIfAbsent(s.getMetadata().getName(), Report.millisSince(start[0]));
            }
          }
        });
    SharedIndexInformer<GenericKubernetesResource> appInformer = client.genericKubernetesResources(
        ArgoCd.API_VERSION, ArgoCd.APPLICATION).inNamespace(ns).inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource app) {
            String service = app.getMetadata().getLabels().get(ServiceLabels.DPUSERVICE_NAME);
            long at = Report.millisSince(start[0]);
            firstAppAt.putIfAbsent(service, at);
            if (appCount.merge(service, 1L, Long::sum) == clusters) {
              allAppsAt.put(service, at);
            }
          }

          @Override
          public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource app) {}

          @Override
          public void onDelete(GenericKubernetesResource app, boolean unknown) {}
        });
    Map<String, ObjectWrites> writes = new LinkedHashMap<>();
    writes.put("DPUService", ObjectWrites.watch("DPUService", client.resources(DPUService.class).inNamespace(ns)));
    writes.put("Application", ObjectWrites.watch("Application",
        client.genericKubernetesResources(ArgoCd.API_VERSION, ArgoCd.APPLICATION).inNamespace(ns)));
    writes.put("AppProject", ObjectWrites.watch("AppProject",
        client.genericKubernetesResources(ArgoCd.API_VERSION, ArgoCd.APP_PROJECT).inNamespace(ns)));
    writes.put("Secret", ObjectWrites.watch("Secret", client.secrets().inNamespace(ns)));
    writes.put("DPUCluster", ObjectWrites.watch("DPUCluster", client.resources(DPUCluster.class).inNamespace(ns)));
    writes.put("DPFOperatorConfig", ObjectWrites.watch("DPFOperatorConfig",
        client.resources(DPFOperatorConfig.class).inNamespace(ns)));
    writes.put("Event", ObjectWrites.watch("Event", client.v1().events().inNamespace(ns)));
    for (int i = 1; i <= clusters; i++) {
      writes.put("DPU cluster " + i + " Namespace", ObjectWrites.watch("DPU cluster " + i + " Namespace",
          kube.dpuClient(i).namespaces().withName(ns)));
    }
    writes.values().forEach(ObjectWrites::reset);
    Map<String, ApiRequests> before = snapshots(kube, dpuPlanes);
    Map<String, Long> reconcilesBefore = Report.reconciles(harness.meters());

    // ---------------------------------------------------------------------------------------- fan-out
    start[0] = System.nanoTime();
    for (int k = 1; k <= services; k++) {
      client.resource(SERIALIZATION.unmarshal(dpuService("svc-" + k), DPUService.class)).create();
    }
    long createdMs = Report.millisSince(start[0]);
    boolean allApps = Report.awaitUntil(Duration.ofSeconds(timeoutSeconds), () -> allAppsAt.size() == services);
    long allAppsMs = Report.millisSince(start[0]);
    boolean allReady = Report.awaitUntil(Duration.ofSeconds(timeoutSeconds), () -> readyAt.size() == services);
    long allReadyMs = Report.millisSince(start[0]);
    Map<String, ApiRequests> fanOut = minus(snapshots(kube, dpuPlanes), before);
    Map<String, Long> reconcilesFanOut = Report.minus(Report.reconciles(harness.meters()), reconcilesBefore);
    Map<String, Long> serviceWritesPer = writes.get("DPUService").perObject();
    Map<String, Long> serviceChanges = writes.get("DPUService").changes();
    Map<String, Long> appChanges = writes.get("Application").changes();
    Map<String, String> fanOutWrites = new LinkedHashMap<>();
    writes.forEach((k, w) -> fanOutWrites.put(k, w.creates() + " created, " + w.updates() + " updated"));

    // ---------------------------------------------------------------------------------------- idle window
    writes.values().forEach(ObjectWrites::reset);
    Map<String, ApiRequests> idleBefore = snapshots(kube, dpuPlanes);
    Map<String, Long> reconcilesIdleBefore = Report.reconciles(harness.meters());
    long argoBefore = argoReports.get();
    Thread.sleep(idleSeconds * 1000L);
    Map<String, ApiRequests> idle = minus(snapshots(kube, dpuPlanes), idleBefore);
    Map<String, Long> reconcilesIdle = Report.minus(Report.reconciles(harness.meters()), reconcilesIdleBefore);

    // ---------------------------------------------------------------------------------------- report
    report.row("DPU clusters (API servers)", "%d", clusters);
    report.row("DPUServices", "%d", services);
    report.row("Applications expected", "%d", services * clusters);
    report.row("setup (control planes, fixtures, operator)", "%.1f s", setupMs / 1000.0);
    report.section("fan-out (from the first DPUService creation)");
    report.row("creating the DPUServices (benchmark client, sequential)", "%.1f s", createdMs / 1000.0);
    report.row("all Applications exist", allApps ? String.format("%.1f s", allAppsMs / 1000.0)
        : String.format("NOT within %d s: %d of %d DPUServices complete", timeoutSeconds, allAppsAt.size(),
            services));
    report.row("all DPUServices Ready", allReady ? String.format("%.1f s", allReadyMs / 1000.0)
        : String.format("NOT within %d s: %d of %d Ready", timeoutSeconds, readyAt.size(), services));
    report.row("first DPUService Ready", readyAt.isEmpty() ? "n/a"
        : String.format("%.1f s", readyAt.values().stream().min(Long::compare).orElseThrow() / 1000.0));
    report.row("throughput", "%.1f Applications/s, %.2f DPUServices Ready/s",
        argoInformer.getStore().list().size() / (allAppsMs / 1000.0), readyAt.size() / (allReadyMs / 1000.0));
    report.row("first Application (per DPUService)", Report.latencies(firstAppAt.values()));
    report.row("all its Applications (per DPUService)", Report.latencies(allAppsAt.values()));
    report.row("Ready (per DPUService)", Report.latencies(readyAt.values()));
    report.row("Argo CD stand-in status reports", "%d", argoBefore);
    report.row("DPUService writes per DPUService (finalizer + status)", Report.spread(serviceWritesPer.values()));
    report.row("DPUService writes by changed fields", Report.top(serviceChanges, 8));
    report.row("Application writes by changed fields", Report.top(appChanges, 6));
    report.row("objects by kind", fanOutWrites.toString());
    fanOut.forEach((plane, r) -> {
      report.row(plane + " API server: mutations / reads (GET+LIST)", "%d / %d", r.mutations(), r.reads());
      report.row(plane + " API server: mutations by resource", r.mutationBreakdown());
    });
    report.row("reconciliations started by controller", reconcilesFanOut.toString());
    report.section("idle window, everything Ready (" + idleSeconds + " s)");
    for (ObjectWrites w : writes.values()) {
      report.row("resourceVersion changes: " + w.label() + " (" + w.size() + " objects)", "%d updates, %d creates,"
          + " %d deletes", w.updates(), w.creates(), w.deletes());
    }
    idle.forEach(report::apiRequests);
    report.row("Argo CD stand-in status reports", "%d", argoReports.get() - argoBefore);
    report.row("reconciliations started by controller", reconcilesIdle.isEmpty() ? "none"
        : reconcilesIdle.toString());
    report.writeExamples(writes.values());
    report.section("JVM (operator + stand-ins in one process)");
    report.row("heap used after GC", "%d MiB", Report.heapAfterGcMiB());
    report.print();

    serviceInformer.close();
    appInformer.close();
    argoInformer.close();
    writes.values().forEach(ObjectWrites::close);
    harness.close();
    argoWorkers.shutdownNow();
    kube.close();
    System.exit(0);
  }

  static String dpuService(String name) {
    return """
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUService
        metadata: {name: %s}
        spec:
          helmChart:
            source: {repoURL: "oci://helm.ngc.nvidia.com/nvidia/doca", chart: doca-blueman, version: 1.0.8}
            values: {image: {tag: v1}}
          serviceDaemonSet:
            labels: {example.com/team: infra}
        """.formatted(name);
  }

  static boolean syncedAndHealthy(GenericKubernetesResource app) {
    if (!(app.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
      return false;
    }
    return status.get("sync") instanceof Map<?, ?> sync && ArgoCd.SYNCED.equals(sync.get("status"))
        && status.get("health") instanceof Map<?, ?> health && ArgoCd.HEALTHY.equals(health.get("status"));
  }

  static Map<String, ApiRequests> snapshots(KubeTestContext kube, List<LocalControlPlane> dpuPlanes) {
    Map<String, ApiRequests> out = new LinkedHashMap<>();
    out.put("host", ApiRequests.snapshot(kube.host()));
    for (LocalControlPlane plane : dpuPlanes) {
      out.put(plane.name(), ApiRequests.snapshot(plane));
    }
    return out;
  }

  static Map<String, ApiRequests> minus(Map<String, ApiRequests> after, Map<String, ApiRequests> before) {
    Map<String, ApiRequests> out = new LinkedHashMap<>();
    after.forEach((k, v) -> out.put(k, v.minus(before.get(k))));
    return out;
  }
}
