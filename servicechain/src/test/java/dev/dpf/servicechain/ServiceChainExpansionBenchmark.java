package dev.dpf.servicechain;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.common.DpfStatus;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceChainSet;
import dev.dpf.api.svc.v1alpha1.ServiceChainStatus;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSet;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceStatus;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.common.testing.bench.ApiRequests;
import dev.dpf.common.testing.bench.ObjectWrites;
import dev.dpf.common.testing.bench.Report;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Expands service chaining over N DPU nodes: one DPU cluster (its own API server) with N Nodes, one
 * DPUServiceInterface and one DPUServiceChain selecting them all, with the real servicechain controllers
 * ({@link ServiceChainModule}: the host mirror and the per-DPU-cluster Set controllers). The node agent does not run:
 * an informer-driven stand-in marks each ServiceInterface and ServiceChain Ready as soon as it appears, as the agent
 * would once OVS is programmed. Prints how long until the ServiceInterfaceSet/ServiceChainSet exist, until all 2N
 * children exist, until the host objects are Ready, per-child latency, writes and requests, and then the writes
 * during an idle window (expected: none). Asserts nothing; not run by the test suite
 * ({@code hack/bench.sh servicechain-expansion}).
 *
 * <p>Arguments: {@code [dpuNodes=100] [idleSeconds=20] [timeoutSeconds=150]}.
 */
public final class ServiceChainExpansionBenchmark {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static final String INTERFACE = """
      apiVersion: svc.dpu.nvidia.com/v1alpha1
      kind: DPUServiceInterface
      metadata: {name: p0-sf}
      spec:
        template:
          spec:
            nodeSelector: {matchLabels: {bench.dpf.dev/run: ${ns}}}
            template:
              metadata:
                labels: {svc.dpu.nvidia.com/interface: p0_sf, svc.dpu.nvidia.com/service: doca-hbn}
              spec:
                interfaceType: service
                service: {serviceID: doca-hbn, network: mybrhbn, interfaceName: p0_if}
      """;

  static final String CHAIN = """
      apiVersion: svc.dpu.nvidia.com/v1alpha1
      kind: DPUServiceChain
      metadata: {name: hbn-to-fabric}
      spec:
        template:
          spec:
            nodeSelector: {matchLabels: {bench.dpf.dev/run: ${ns}}}
            template:
              metadata: {labels: {chain: hbn}}
              spec:
                switches:
                - ports:
                  - serviceInterface: {matchLabels: {uplink: p0}}
                  - serviceInterface: {matchLabels: {svc.dpu.nvidia.com/service: doca-hbn, svc.dpu.nvidia.com/interface: p0_sf}}
      """;

  private ServiceChainExpansionBenchmark() {}

  public static void main(String[] args) throws Exception {
    int nodes = Report.intArg(args, 0, 100);
    int idleSeconds = Report.intArg(args, 1, 20);
    int timeoutSeconds = Report.intArg(args, 2, 150);
    Report report = new Report("ServiceChainExpansionBenchmark: " + nodes + " DPU nodes, one DPUServiceInterface"
        + " and one DPUServiceChain");

    long setupStart = System.nanoTime();
    String ns = "bench-chain-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    KubeTestContext kube = KubeTestContext.open(ns);
    KubernetesClient host = kube.client();
    KubernetesClient dpu = kube.dpuClient(1);
    List<String> nodeNames = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      String name = ns + "-dpu-" + i;
      dpu.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
          .withLabels(Map.of("bench.dpf.dev/run", ns)).endMetadata().build()).create();
      nodeNames.add(name);
    }
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");

    // the node agent stand-in: every new ServiceInterface / ServiceChain is reported Ready
    ExecutorService agentWorkers = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "node-agent-stand-in");
      t.setDaemon(true);
      return t;
    });
    AtomicLong agentReports = new AtomicLong();
    long[] start = {0};
    Map<String, Long> interfaceAt = new ConcurrentHashMap<>();
    Map<String, Long> chainAt = new ConcurrentHashMap<>();
    SharedIndexInformer<ServiceInterface> interfaces = dpu.resources(ServiceInterface.class).inNamespace(ns)
        .inform(agent(dpu, agentWorkers, agentReports, interfaceAt, start, ServiceInterfaceStatus::new));
    SharedIndexInformer<ServiceChain> chains = dpu.resources(ServiceChain.class).inNamespace(ns)
        .inform(agent(dpu, agentWorkers, agentReports, chainAt, start, ServiceChainStatus::new));
    ControllerHarness harness = ControllerHarness.start(kube, new ServiceChainModule()::register);
    long setupMs = Report.millisSince(setupStart);

    Map<String, ObjectWrites> writes = new LinkedHashMap<>();
    writes.put("DPUServiceInterface", ObjectWrites.watch("DPUServiceInterface",
        host.resources(DPUServiceInterface.class).inNamespace(ns)));
    writes.put("DPUServiceChain", ObjectWrites.watch("DPUServiceChain",
        host.resources(DPUServiceChain.class).inNamespace(ns)));
    writes.put("ServiceInterfaceSet", ObjectWrites.watch("ServiceInterfaceSet",
        dpu.resources(ServiceInterfaceSet.class).inNamespace(ns)));
    writes.put("ServiceChainSet", ObjectWrites.watch("ServiceChainSet",
        dpu.resources(ServiceChainSet.class).inNamespace(ns)));
    writes.put("ServiceInterface", ObjectWrites.watch("ServiceInterface",
        dpu.resources(ServiceInterface.class).inNamespace(ns)));
    writes.put("ServiceChain", ObjectWrites.watch("ServiceChain", dpu.resources(ServiceChain.class).inNamespace(ns)));
    writes.put("DPU Node", ObjectWrites.watch("DPU Node", dpu.nodes().withLabel("bench.dpf.dev/run", ns)));
    writes.put("host Event", ObjectWrites.watch("host Event", host.v1().events().inNamespace(ns)));
    writes.put("DPU-cluster Event", ObjectWrites.watch("DPU-cluster Event", dpu.v1().events().inNamespace(ns)));
    writes.values().forEach(ObjectWrites::reset);
    ApiRequests hostBefore = ApiRequests.snapshot(kube.host());
    ApiRequests dpuBefore = ApiRequests.snapshot(kube.dpuCluster(1));
    Map<String, Long> reconcilesBefore = Report.reconciles(harness.meters());

    // ---------------------------------------------------------------------------------------- expansion
    start[0] = System.nanoTime();
    create(host, ns, DPUServiceInterface.class, INTERFACE);
    create(host, ns, DPUServiceChain.class, CHAIN);
    boolean setsExist = Report.awaitUntil(Duration.ofSeconds(timeoutSeconds), () ->
        writes.get("ServiceInterfaceSet").size() == 1 && writes.get("ServiceChainSet").size() == 1);
    long setsMs = Report.millisSince(start[0]);
    boolean children = Report.awaitUntil(Duration.ofSeconds(timeoutSeconds), () ->
        interfaceAt.size() == nodes && chainAt.size() == nodes);
    long childrenMs = Report.millisSince(start[0]);
    boolean ready = Report.awaitUntil(Duration.ofSeconds(timeoutSeconds), () -> {
      DPUServiceInterface dsi = host.resources(DPUServiceInterface.class).inNamespace(ns).withName("p0-sf").get();
      DPUServiceChain dsc = host.resources(DPUServiceChain.class).inNamespace(ns).withName("hbn-to-fabric").get();
      return dsi != null && StatusConditions.isTrue(dsi.getStatus(), Conditions.READY)
          && dsc != null && StatusConditions.isTrue(dsc.getStatus(), Conditions.READY);
    });
    long readyMs = Report.millisSince(start[0]);
    ApiRequests hostExpansion = ApiRequests.snapshot(kube.host()).minus(hostBefore);
    ApiRequests dpuExpansion = ApiRequests.snapshot(kube.dpuCluster(1)).minus(dpuBefore);
    Map<String, Long> reconcilesExpansion = Report.minus(Report.reconciles(harness.meters()), reconcilesBefore);
    Map<String, String> expansionWrites = new LinkedHashMap<>();
    writes.forEach((k, w) -> expansionWrites.put(k, w.creates() + " created, " + w.updates() + " updated"));
    Map<String, Map<String, Long>> changes = new LinkedHashMap<>();
    writes.forEach((k, w) -> changes.put(k, w.changes()));

    // ---------------------------------------------------------------------------------------- idle window
    writes.values().forEach(ObjectWrites::reset);
    ApiRequests hostIdleBefore = ApiRequests.snapshot(kube.host());
    ApiRequests dpuIdleBefore = ApiRequests.snapshot(kube.dpuCluster(1));
    Map<String, Long> reconcilesIdleBefore = Report.reconciles(harness.meters());
    long agentBefore = agentReports.get();
    Thread.sleep(idleSeconds * 1000L);
    ApiRequests hostIdle = ApiRequests.snapshot(kube.host()).minus(hostIdleBefore);
    ApiRequests dpuIdle = ApiRequests.snapshot(kube.dpuCluster(1)).minus(dpuIdleBefore);
    Map<String, Long> reconcilesIdle = Report.minus(Report.reconciles(harness.meters()), reconcilesIdleBefore);

    // ---------------------------------------------------------------------------------------- report
    report.row("DPU nodes", "%d", nodes);
    report.row("children expected (ServiceInterfaces + ServiceChains)", "%d", 2 * nodes);
    report.row("setup (control planes, nodes, operator)", "%.1f s", setupMs / 1000.0);
    report.section("expansion (from the DPUServiceInterface creation)");
    report.row("ServiceInterfaceSet and ServiceChainSet in the DPU cluster", setsExist
        ? String.format("%.1f s", setsMs / 1000.0) : "NOT within " + timeoutSeconds + " s");
    report.row("all children exist", children ? String.format("%.1f s", childrenMs / 1000.0)
        : String.format("NOT within %d s: %d interfaces, %d chains", timeoutSeconds, interfaceAt.size(),
            chainAt.size()));
    report.row("DPUServiceInterface and DPUServiceChain Ready", ready ? String.format("%.1f s", readyMs / 1000.0)
        : "NOT within " + timeoutSeconds + " s");
    report.row("throughput", "%.1f children/s", (interfaceAt.size() + chainAt.size()) / (childrenMs / 1000.0));
    report.row("ServiceInterface created (per child)", Report.latencies(interfaceAt.values()));
    report.row("ServiceChain created (per child)", Report.latencies(chainAt.values()));
    report.row("node agent stand-in status reports", "%d", agentBefore);
    report.row("objects by kind", expansionWrites.toString());
    changes.forEach((kind, c) -> {
      if (!c.isEmpty() && !kind.endsWith("Event")) {
        report.row(kind + " writes by changed fields", Report.top(c, 6));
      }
    });
    report.row("host API server: mutations / reads (GET+LIST)", "%d / %d", hostExpansion.mutations(),
        hostExpansion.reads());
    report.row("host API server: mutations by resource", hostExpansion.mutationBreakdown());
    report.row("DPU API server: mutations / reads (GET+LIST)", "%d / %d", dpuExpansion.mutations(),
        dpuExpansion.reads());
    report.row("DPU API server: mutations by resource", dpuExpansion.mutationBreakdown());
    report.row("host reconciliations started by controller (the per-DPU-cluster Set controllers export none)",
        reconcilesExpansion.toString());
    report.section("idle window, everything Ready (" + idleSeconds + " s)");
    for (ObjectWrites w : writes.values()) {
      report.row("resourceVersion changes: " + w.label() + " (" + w.size() + " objects)", "%d updates, %d creates,"
          + " %d deletes", w.updates(), w.creates(), w.deletes());
    }
    report.apiRequests("host", hostIdle);
    report.apiRequests("DPU", dpuIdle);
    report.row("node agent stand-in status reports", "%d", agentReports.get() - agentBefore);
    report.row("host reconciliations started by controller", reconcilesIdle.isEmpty() ? "none"
        : reconcilesIdle.toString());
    report.writeExamples(writes.values());
    report.section("JVM (operator + stand-ins in one process)");
    report.row("heap used after GC", "%d MiB", Report.heapAfterGcMiB());
    report.print();

    interfaces.close();
    chains.close();
    writes.values().forEach(ObjectWrites::close);
    harness.close();
    agentWorkers.shutdownNow();
    for (String name : nodeNames) {
      dpu.nodes().withName(name).delete();
    }
    kube.close();
    System.exit(0);
  }

  static <T extends io.fabric8.kubernetes.api.model.HasMetadata> void create(KubernetesClient client, String ns,
      Class<T> type, String yaml) {
    T object = SERIALIZATION.unmarshal(yaml.replace("${ns}", ns), type);
    object.getMetadata().setNamespace(ns);
    client.resource(object).create();
  }

  /** The node agent stand-in for one kind: records when a child appeared and reports it Ready once. */
  static <S extends DpfStatus, T extends CustomResource<?, S>> ResourceEventHandler<T> agent(KubernetesClient dpu,
      ExecutorService workers, AtomicLong reports, Map<String, Long> seenAt, long[] start, Supplier<S> newStatus) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T child) {
        seenAt.putIfAbsent(child.getMetadata().getName(), Report.millisSince(start[0]));
        handle(child);
      }

      @Override
      public void onUpdate(T old, T child) {
        handle(child);
      }

      @Override
      public void onDelete(T child, boolean unknown) {}

      private void handle(T child) {
        if (child.getMetadata().getDeletionTimestamp() != null
            || StatusConditions.isTrue(child.getStatus(), Conditions.READY)) {
          return;
        }
        workers.submit(() -> {
          for (int attempt = 1; attempt <= 10; attempt++) {
            try {
              T fresh = dpu.resource(child).get();
              if (fresh == null || StatusConditions.isTrue(fresh.getStatus(), Conditions.READY)) {
                return;
              }
              S status = newStatus.get();
              status.setConditions(new ArrayList<>(List.of(new ConditionBuilder().withType(Conditions.READY)
                  .withStatus(Conditions.TRUE).withReason(Conditions.REASON_SUCCESS).withMessage("")
                  .withLastTransitionTime(Instant.now().toString().replaceAll("\\.\\d+Z$", "Z")).build())));
              fresh.setStatus(status);
              dpu.resource(fresh).updateStatus();
              reports.incrementAndGet();
              return;
            } catch (KubernetesClientException e) {
              if (e.getCode() != 409) {
                return;
              }
            }
          }
        });
      }
    };
  }
}
