package dev.dpf.provisioning.dpu;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.BFBPhase;
import dev.dpf.api.provisioning.v1alpha1.BFBReference;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.provisioning.v1alpha1.DPUSetSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplate;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateSpec;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.bench.ApiRequests;
import dev.dpf.common.testing.bench.ObjectWrites;
import dev.dpf.common.testing.bench.Report;
import dev.dpf.dpusim.DmsSimulator;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Provisions a fleet: N host Nodes with one simulated BlueField each, one DPUSet selecting them all, a BFB, a
 * DPUFlavor and a static DPUCluster (DPU API server 1, which the simulated DPUs join), on the real control plane with
 * the real BFB, DPUSet and DPU controllers (the {@link DpuTestbed} of the DPU controller tests: DMS pods made Running
 * by the kubelet stand-in, certificates by the cert-manager stand-in, HostNetworkConfigured by the host agent
 * stand-in, flashing over real gRPC + mTLS to the DMS simulators). Prints how long until the first and the last DPU is
 * Ready, per-DPU latency, flashes per DPU, API requests and object writes while provisioning, and then, with
 * everything Ready, the writes and reconciles during an idle window (expected: none). Asserts nothing; not run by
 * the test suite ({@code hack/bench.sh dpu-fleet}).
 *
 * <p>Arguments: {@code [hosts=50] [idleSeconds=20] [bfbKiB=2048] [timeoutSeconds=170] [readyRecheckSeconds=20]}; the
 * last one is the drift net of Ready DPUs (the test bed's 20 s; production default 60 s).
 */
public final class DpuFleetBenchmark {

  static final String FILE = "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb";

  private DpuFleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    int hosts = Report.intArg(args, 0, 50);
    int idleSeconds = Report.intArg(args, 1, 20);
    int bfbKiB = Report.intArg(args, 2, 2048);
    int timeoutSeconds = Report.intArg(args, 3, 170);
    int readyRecheckSeconds = Report.intArg(args, 4, 20);
    Report report = new Report("DpuFleetBenchmark: " + hosts + " hosts, one DPUSet");
    long setupStart = System.nanoTime();
    String ns = "bench-dpufleet-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    KubeTestContext kube = KubeTestContext.open(ns);
    DpuTestbed bed = new DpuTestbed(kube);
    KubernetesClient client = bed.client;
    List<String> dpuNames = new ArrayList<>();
    for (int i = 1; i <= hosts; i++) {
      dpuNames.add(DpuTestbed.dpuName(bed.host(i)));
    }
    bed.flavor("flavor");
    bed.options(o -> o.withWaits(o.waitInterval(), Duration.ofSeconds(readyRecheckSeconds)));
    bed.start();
    bed.bfb("bfb", FILE, bfbKiB * 1024);
    Report.awaitUntil(Duration.ofSeconds(60), () -> {
      BFB bfb = client.resources(BFB.class).withName("bfb").get();
      return bfb.getStatus() != null && bfb.getStatus().getPhase() == BFBPhase.READY;
    });
    long setupMs = Report.millisSince(setupStart);

    // observers: phase timeline per DPU, writes per kind, requests per API server
    Map<String, Map<DPUPhase, Long>> timeline = new ConcurrentHashMap<>();
    long[] start = {0};
    SharedIndexInformer<DPU> phases = client.resources(DPU.class).inNamespace(ns).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(DPU dpu) {
        record(dpu);
      }

      @Override
      public void onUpdate(DPU old, DPU dpu) {
        record(dpu);
      }

      @Override
      public void onDelete(DPU dpu, boolean unknown) {}

      private void record(DPU dpu) {
        long at = Report.millisSince(start[0]);
        Map<DPUPhase, Long> seen = timeline.computeIfAbsent(dpu.getMetadata().getName(),
            n -> new EnumMap<>(DPUPhase.class));
        synchronized (seen) {
          seen.putIfAbsent(null == dpu.getStatus() || dpu.getStatus().getPhase() == null ? DPUPhase.INITIALIZING
              : dpu.getStatus().getPhase(), at);
        }
      }
    });
    Map<String, ObjectWrites> writes = new LinkedHashMap<>();
    writes.put("DPU", ObjectWrites.watch("DPU", client.resources(DPU.class).inNamespace(ns)));
    writes.put("DPUSet", ObjectWrites.watch("DPUSet", client.resources(DPUSet.class).inNamespace(ns)));
    writes.put("BFB", ObjectWrites.watch("BFB", client.resources(BFB.class).inNamespace(ns)));
    writes.put("DPUFlavor", ObjectWrites.watch("DPUFlavor", client.resources(DPUFlavor.class).inNamespace(ns)));
    writes.put("DPUCluster", ObjectWrites.watch("DPUCluster", client.resources(DPUCluster.class).inNamespace(ns)));
    writes.put("host Node", ObjectWrites.watch("host Node", client.nodes().withLabel(bed.testLabel)));
    writes.put("Pod", ObjectWrites.watch("Pod", client.pods().inNamespace(ns)));
    writes.put("Secret", ObjectWrites.watch("Secret", client.secrets().inNamespace(ns)));
    writes.put("Event", ObjectWrites.watch("Event", client.v1().events().inNamespace(ns)));
    writes.put("DPU-cluster Node", ObjectWrites.watch("DPU-cluster Node", bed.dpuClient.nodes()));
    writes.values().forEach(ObjectWrites::reset);
    ApiRequests hostBefore = ApiRequests.snapshot(kube.host());
    ApiRequests dpuBefore = ApiRequests.snapshot(kube.dpuCluster(1));
    Map<String, Long> reconcilesBefore = Report.reconciles(bed.harness().meters());

    // ---------------------------------------------------------------------------------------- provisioning
    start[0] = System.nanoTime();
    client.resource(dpuSet(bed)).create();
    boolean allReady = Report.awaitUntil(Duration.ofSeconds(timeoutSeconds),
        () -> readyCount(timeline) == hosts);
    long allReadyMs = Report.millisSince(start[0]);
    boolean setReady = allReady && Report.awaitUntil(Duration.ofSeconds(30), () -> {
      DPUSet set = client.resources(DPUSet.class).withName("dpuset").get();
      return set.getStatus() != null && StatusConditions.isTrue(set.getStatus(), Conditions.READY)
          && Map.of("Ready", hosts).equals(set.getStatus().getDpuStatistics());
    });
    long setReadyMs = Report.millisSince(start[0]);
    ApiRequests hostProvisioning = ApiRequests.snapshot(kube.host()).minus(hostBefore);
    ApiRequests dpuProvisioning = ApiRequests.snapshot(kube.dpuCluster(1)).minus(dpuBefore);
    Map<String, Long> reconcilesProvisioning = Report.minus(Report.reconciles(bed.harness().meters()),
        reconcilesBefore);
    Map<String, Long> dpuWritesPerDpu = writes.get("DPU").perObject();
    Map<String, Long> dpuChanges = writes.get("DPU").changes();
    Map<String, Long> setChanges = writes.get("DPUSet").changes();
    Map<String, Long> provisioningWrites = new LinkedHashMap<>();
    writes.forEach((k, w) -> provisioningWrites.put(k, w.updates()));
    Map<String, Long> provisioningCreates = new LinkedHashMap<>();
    writes.forEach((k, w) -> provisioningCreates.put(k, w.creates()));

    // ---------------------------------------------------------------------------------------- idle window
    writes.values().forEach(ObjectWrites::reset);
    ApiRequests hostIdleBefore = ApiRequests.snapshot(kube.host());
    ApiRequests dpuIdleBefore = ApiRequests.snapshot(kube.dpuCluster(1));
    Map<String, Long> reconcilesIdleBefore = Report.reconciles(bed.harness().meters());
    Thread.sleep(idleSeconds * 1000L);
    ApiRequests hostIdle = ApiRequests.snapshot(kube.host()).minus(hostIdleBefore);
    ApiRequests dpuIdle = ApiRequests.snapshot(kube.dpuCluster(1)).minus(dpuIdleBefore);
    Map<String, Long> reconcilesIdle = Report.minus(Report.reconciles(bed.harness().meters()),
        reconcilesIdleBefore);

    // ---------------------------------------------------------------------------------------- report
    List<Long> readyLatencies = new ArrayList<>();
    List<Long> createdLatencies = new ArrayList<>();
    List<Long> createdToReady = new ArrayList<>();
    Map<DPUPhase, List<Long>> phaseDurations = new EnumMap<>(DPUPhase.class);
    for (Map<DPUPhase, Long> seen : timeline.values()) {
      synchronized (seen) {
        long created = seen.values().stream().min(Long::compare).orElse(0L);
        if (seen.containsKey(DPUPhase.READY)) {
          readyLatencies.add(seen.get(DPUPhase.READY));
          createdToReady.add(seen.get(DPUPhase.READY) - created);
        }
        createdLatencies.add(created);
        List<Map.Entry<DPUPhase, Long>> ordered = new ArrayList<>(seen.entrySet());
        ordered.sort(Map.Entry.comparingByValue());
        for (int i = 0; i + 1 < ordered.size(); i++) {
          phaseDurations.computeIfAbsent(ordered.get(i).getKey(), p -> new ArrayList<>())
              .add(ordered.get(i + 1).getValue() - ordered.get(i).getValue());
        }
      }
    }
    List<Long> activations = new ArrayList<>();
    List<Long> packages = new ArrayList<>();
    for (String name : dpuNames) {
      DmsSimulator.Stats stats = bed.fleet.dpu(name).dms().stats();
      activations.add(stats.activations());
      packages.add(stats.installs());
    }

    report.row("hosts (DPUs)", "%d", hosts);
    report.row("BFB size", "%d KiB", bfbKiB);
    report.row("drift net of Ready DPUs (readyRecheck)", "%d s", readyRecheckSeconds);
    report.row("setup (control planes, fleet, hosts, operator, BFB Ready)", "%.1f s", setupMs / 1000.0);
    report.section("provisioning (from DPUSet creation)");
    report.row("all DPUs Ready", allReady ? String.format("%.1f s", allReadyMs / 1000.0)
        : String.format("NOT within %d s: %d of %d Ready", timeoutSeconds, readyCount(timeline), hosts));
    report.row("DPUSet Ready with dpuStatistics {Ready: N}", setReady ? String.format("%.1f s", setReadyMs / 1000.0)
        : "not reached");
    report.row("first DPU Ready", readyLatencies.isEmpty() ? "n/a"
        : String.format("%.1f s", readyLatencies.stream().min(Long::compare).orElseThrow() / 1000.0));
    report.row("throughput", "%.2f DPUs/s", readyLatencies.size() / (allReadyMs / 1000.0));
    report.row("DPU object created (per DPU)", Report.latencies(createdLatencies));
    report.row("DPU Ready (per DPU)", Report.latencies(readyLatencies));
    report.row("DPU object created -> Ready (per DPU)", Report.latencies(createdToReady));
    // phases in the order a DPU goes through them (by median time of entry)
    Map<DPUPhase, List<Long>> entries = new EnumMap<>(DPUPhase.class);
    timeline.values().forEach(seen -> {
      synchronized (seen) {
        seen.forEach((p, at) -> entries.computeIfAbsent(p, x -> new ArrayList<>()).add(at));
      }
    });
    List<Map.Entry<DPUPhase, List<Long>>> ordered = new ArrayList<>(phaseDurations.entrySet());
    ordered.sort(Comparator.comparingLong(e -> median(entries.get(e.getKey()))));
    for (Map.Entry<DPUPhase, List<Long>> phase : ordered) {
      report.row("  time in phase " + phase.getKey().value(), Report.latencies(phase.getValue()));
    }
    report.row("flashes (DMS activations) per DPU", Report.spread(activations));
    report.row("packages transferred per DPU (BFB + bf.cfg)", Report.spread(packages));
    report.row("DPU status/object writes per DPU", Report.spread(dpuWritesPerDpu.values()));
    report.row("DPU writes by changed fields (all DPUs)", Report.top(dpuChanges, 30));
    report.row("DPUSet writes by changed fields", Report.top(setChanges, 6));
    report.row("object updates by kind", provisioningWrites.toString());
    report.row("objects created by kind", provisioningCreates.toString());
    report.row("host API server: mutations / reads (GET+LIST)", "%d / %d (%.1f mutations per DPU)",
        hostProvisioning.mutations(), hostProvisioning.reads(), hostProvisioning.mutations() / (double) hosts);
    report.row("host API server: mutations by resource", hostProvisioning.mutationBreakdown());
    report.row("DPU API server: mutations / reads (GET+LIST)", "%d / %d", dpuProvisioning.mutations(),
        dpuProvisioning.reads());
    report.row("reconciliations started by controller", reconcilesProvisioning.toString());
    report.section("idle window, everything Ready (" + idleSeconds + " s)");
    for (ObjectWrites w : writes.values()) {
      report.row("resourceVersion changes: " + w.label() + " (" + w.size() + " objects)", "%d updates, %d creates,"
          + " %d deletes", w.updates(), w.creates(), w.deletes());
    }
    report.apiRequests("host", hostIdle);
    report.row("DPU API server: mutations", "%d: %s", dpuIdle.mutations(), dpuIdle.mutationBreakdown());
    report.row("reconciliations started by controller", reconcilesIdle.isEmpty() ? "none"
        : reconcilesIdle.toString());
    report.writeExamples(writes.values());
    report.section("JVM (operator + simulators + stand-ins in one process)");
    report.row("heap used after GC", "%d MiB", Report.heapAfterGcMiB());
    report.print();

    phases.close();
    writes.values().forEach(ObjectWrites::close);
    bed.close();
    kube.close();
    System.exit(0);
  }

  static DPUSet dpuSet(DpuTestbed bed) {
    DPUSet set = new DPUSet();
    set.getMetadata().setName("dpuset");
    set.getMetadata().setNamespace(bed.ns);
    DPUSetSpec spec = new DPUSetSpec();
    spec.setNodeSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(bed.testLabel, "")).build());
    DPUTemplateSpec t = new DPUTemplateSpec();
    t.setBfb(new BFBReference("bfb"));
    t.setDpuFlavor("flavor");
    t.setNodeEffect(DpuTestbed.taint());
    DPUTemplate template = new DPUTemplate();
    template.setSpec(t);
    spec.setDpuTemplate(template);
    set.setSpec(spec);
    return set;
  }

  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(Long::compare);
    return sorted.get(sorted.size() / 2);
  }

  static long readyCount(Map<String, Map<DPUPhase, Long>> timeline) {
    return timeline.values().stream().filter(m -> {
      synchronized (m) {
        return m.containsKey(DPUPhase.READY);
      }
    }).count();
  }
}
