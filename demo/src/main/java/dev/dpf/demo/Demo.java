package dev.dpf.demo;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorSettings;
import dev.dpf.dms.proto.gnoi.os.InstallError;
import dev.dpf.dms.proto.gnoi.system.RebootStatus;
import dev.dpf.dpusim.Fleet;
import dev.dpf.dpusim.SimulatedDpu;
import dev.dpf.operator.DpfOperator;
import dev.dpf.operator.OperatorMain;
import dev.dpf.testing.ControlPlaneAssets;
import dev.dpf.testing.ControlPlanes;
import dev.dpf.testing.Crds;
import dev.dpf.testing.LocalControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local demo: the same control plane the tests use (host cluster + DPU clusters), kwok playing the kubelets of
 * simulated host Nodes, a web server with a BFB, a fleet of simulated DPUs (DMS over gRPC/mTLS, join into the DPU
 * cluster), the real operator in-process with its hardware seams pointed at the simulators, the real host agent per
 * host (or a stand-in), stand-ins for Argo CD, kube-scheduler and the DPU-cluster components, and the sample
 * manifests applied as a user would. Everything it starts is stopped by {@link #close()}, in reverse order.
 */
public final class Demo implements AutoCloseable {

  static final String NAMESPACE = OperatorSettings.DEFAULT_OPERATOR_NAMESPACE;
  /** After the unaffected objects are Ready, how long an injected failure may take to show. */
  static final Duration FAILURE_GRACE = Duration.ofSeconds(30);
  /**
   * When the only objects left are ones no controller ever wrote a status to (their controller is not in this build),
   * the demo stops waiting after this long instead of waiting for the timeout.
   */
  static final Duration NO_CONTROLLER_GRACE = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  /** The outcome of a run. */
  public record Result(boolean settled, List<Progress.ObjectState> states, String hostNetworkMode, Path workDir,
      String failureSummary) {
    public List<Progress.ObjectState> notReady() {
      return Progress.notReady(states);
    }
  }

  private final DemoOptions options;
  private final Console console;
  private final Teardown teardown = new Teardown();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Path workDir;
  private LocalControlPlane host;
  private final List<LocalControlPlane> dpuPlanes = new ArrayList<>();
  private Fleet fleet;
  private BfbServer bfbServer;
  private Progress progress;
  private String hostNetworkMode;
  private final List<HostNetworks.RealHost> realHosts = new ArrayList<>();
  private Manifests.Plan plan;
  private final List<DpuClusterStandIn> dpuStandIns = new ArrayList<>();
  /** The DPUCluster objects, in the order of {@link #dpuPlanes}. */
  private final List<String> dpuClusterNames = new ArrayList<>();
  private volatile boolean keepWorkDir;

  public Demo(DemoOptions options) {
    this.options = options;
    this.console = new Console(options.out());
  }

  /** Starts everything, waits until it settles (or the timeout), prints the report and, if asked, stays up. */
  public Result run() throws Exception {
    start();
    Result result = awaitSettled();
    report(result);
    if (options.keepRunning() && !teardown.closed()) {
      printHowToExplore();
      stopped.await();
    }
    return result;
  }

  public Path workDir() {
    return workDir;
  }

  /** Keep the work directory (logs) when stopping, e.g. after a failure. */
  public void keepWorkDir() {
    keepWorkDir = true;
    System.setProperty("dpf.keepControlPlaneLogs", "true");
  }

  // ------------------------------------------------------------------------------------------------ start-up

  void start() throws Exception {
    workDir = options.workDir() != null ? options.workDir() : Files.createTempDirectory(StaleRuns.TEMP_PREFIX);
    if (options.keepWorkDir()) {
      keepWorkDir();
    }
    Path dir = workDir;
    teardown.add("work directory", () -> {
      if (!keepWorkDir) {
        deleteRecursively(dir);
      }
    });
    List<Path> candidates = new ArrayList<>(StaleRuns.temporaryWorkDirs());
    candidates.add(workDir);
    for (String cleaned : StaleRuns.clean(candidates)) {
      console.line("cleaned up after a demo that was killed: %s", cleaned);
    }
    Files.createDirectories(workDir);
    StaleRuns.claim(workDir);
    console.line("DPF demo: %d simulated host(s) with one BlueField DPU each, %d DPU cluster(s); work dir %s",
        options.hosts(), options.dpuClusters(), workDir);
    for (Failure f : options.failures()) {
      console.line("failure to inject: %s (%s)", f.flag, f.description);
    }
    startControlPlanes();
    KubernetesClient client = host.adminClient();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    startKwokAndHosts(client);
    startBfbServerAndFleet(client);
    startOperator();
    startHostNetworking(client);
    startStandIns(client);
    progress = teardown.add("progress", new Progress(client, NAMESPACE, console).start());
    applySamples(client);
  }

  private void startControlPlanes() throws Exception {
    console.line("control plane: starting the host cluster and %d DPU cluster(s) (etcd, kube-apiserver, "
        + "kube-controller-manager; the same control plane the tests use)", options.dpuClusters());
    if (Crds.all().stream().noneMatch(c -> "dpus.provisioning.dpu.nvidia.com".equals(c.getMetadata().getName()))) {
      throw new IllegalStateException("the DPF CRDs are not on the class path (api-crds generates them when it is "
          + "built: mvn -pl demo -am package -DskipTests)");
    }
    ControlPlaneAssets.dir(); // builds the binaries on the first run (hack/control-plane-bin.sh)
    ControlPlanes planes = teardown.add("control plane", new ControlPlanes(workDir.resolve("control-plane")));
    host = planes.host();
    for (int i = 1; i <= options.dpuClusters(); i++) {
      dpuPlanes.add(planes.dpuCluster(i));
    }
    console.line("control plane: host %s, %s; all CRDs installed", host.url(),
        dpuPlanes.stream().map(p -> p.name() + " " + p.url()).collect(Collectors.joining(", ")));
  }

  private void startKwokAndHosts(KubernetesClient client) throws Exception {
    Kwok kwok = teardown.add("kwok", Kwok.start(host, workDir.resolve("kwok")));
    HostNodes.create(client, options.hosts());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<Node> nodes = client.nodes().list().getItems();
      long ready = nodes.stream().filter(Demo::nodeReady).count();
      if (ready >= options.hosts()) {
        break;
      }
      kwok.checkAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("kwok did not make the host Nodes Ready within 60 s; see " + kwok.log());
      }
      client.nodes().withName(HostNodes.name(options.hosts())).waitUntilCondition(
          n -> n != null && nodeReady(n), 5, TimeUnit.SECONDS);
    }
    console.line("hosts: %s Ready (kwok pid %d plays their kubelets; NFD labels dpu-enabled, dpu-0-pci-address=%s, "
        + "dpu-0-pf0-name=%s, dpu-oob-bridge-configured)", hostList(), kwok.pid(), HostNodes.DPU_PCI, HostNodes.PF0);
    teardown.add("scheduler stand-in", new SchedulerStandIn(client).start());
    console.line("scheduler: STAND-IN binds pods to the host Nodes and lifts their not-ready taint once Ready (the "
        + "local control plane runs neither kube-scheduler nor the node lifecycle controller)");
  }

  private void startBfbServerAndFleet(KubernetesClient client) throws Exception {
    String fileName = bfbFileName();
    bfbServer = teardown.add("BFB web server", BfbServer.start(workDir.resolve("bfb-server"), fileName,
        options.bfbBytes(), 4L * 1024 * 1024, options.failures().contains(Failure.BFB_404)));
    console.line("BFB web server: %s (%d MiB generated, served at 4 MiB/s%s)", bfbServer.url(),
        options.bfbBytes() / (1024 * 1024), options.failures().contains(Failure.BFB_404) ? ", answers 404" : "");

    Map<String, KubernetesClient> byEndpoint = new LinkedHashMap<>();
    for (LocalControlPlane plane : dpuPlanes) {
      URI url = URI.create(plane.url());
      byEndpoint.put(url.getHost() + ":" + url.getPort(), plane.adminClient());
      byEndpoint.put("localhost:" + url.getPort(), plane.adminClient());
    }
    Path bfbDir = Files.createDirectories(workDir.resolve("bfb"));
    fleet = teardown.add("DPU simulators", Fleet.builder()
        .dpuClusters(byEndpoint::get)
        .imageFolder(bfbDir)
        .rebootTime(Duration.ofSeconds(3))
        .cloudInitDelay(Duration.ofSeconds(1))
        .joinRetryInterval(Duration.ofSeconds(2))
        .build());
    for (int i = 1; i <= options.hosts(); i++) {
      fleet.addDpu(HostNodes.dpuName(i), HostNodes.name(i));
    }
    teardown.add("cert-manager stand-in", new CertManagerStandIn(client, NAMESPACE, fleet).start());
    SimulatedDpu first = fleet.dpu(HostNodes.dpuName(1));
    for (Failure f : options.failures()) {
      switch (f) {
        case DMS_UNREACHABLE -> first.dms().unreachable(true);
        case INSTALL_ERROR -> first.dms().failInstall(InstallError.Type.INTEGRITY_FAIL,
            "simulated: image verification failed (injected by the demo)");
        case REBOOT_FAILURE -> first.dms().failReboot(RebootStatus.Status.STATUS_FAILURE,
            "simulated: the DPU did not come back after the install (injected by the demo)");
        case HOST_REBOOT_FAILURE -> first.host().failCommands("exit status 1: the host's management interface does "
            + "not answer (injected by the demo)");
        default -> { }
      }
    }
    console.line("DPUs: %d simulated BlueFields, each with a DMS simulator (gNOI/gNMI over mTLS on 127.0.0.1: %s); "
        + "cert-manager STAND-IN issues the DMS CA, client and server certificates", options.hosts(),
        fleet.dpus().stream().limit(3).map(d -> d.name() + " :" + d.dms().address().port())
            .collect(Collectors.joining(", ")) + (options.hosts() > 3 ? ", ..." : ""));
  }

  private void startOperator() {
    KubernetesClient operatorClient = teardown.add("operator client", host.newClient(null));
    OperatorSettings settings = OperatorSettings.defaults()
        .withOperatorNamespace(NAMESPACE)
        .withBfbDir(workDir.resolve("bfb"));
    List<ControllerModule> modules = new ArrayList<>();
    modules.add(new SimulatorSeams(fleet));
    modules.addAll(OperatorMain.modules());
    DpfOperator operator = teardown.add("operator", DpfOperator.start(operatorClient, new DpfOperator.Options(
        settings, false, "dpf-operator-leader", "dpf-demo", false, "127.0.0.1:0", "127.0.0.1:0", modules)));
    console.line("operator: running in-process (modules %s; BFB volume %s; DMS endpoints and host operations -> "
        + "the simulators); metrics http://127.0.0.1:%d/metrics", OperatorMain.modules().stream()
            .map(ControllerModule::name).collect(Collectors.joining(", ")), settings.bfbDir(), operator.metricsPort());
  }

  private void startHostNetworking(KubernetesClient client) {
    String unavailable = DemoOptions.HOST_NETWORK_STAND_IN.equals(options.hostNetwork()) ? "--host-network=stand-in"
        : HostNetworks.realUnavailableReason();
    if (unavailable != null && DemoOptions.HOST_NETWORK_REAL.equals(options.hostNetwork())) {
      throw new IllegalStateException("--host-network=real is not possible here: " + unavailable);
    }
    if (unavailable == null) {
      List<String> stale = HostNetworks.removeStaleNamespaces();
      if (!stale.isEmpty()) {
        console.line("host network: removed namespaces left by an earlier run that was killed: %s", stale);
      }
      for (int i = 1; i <= options.hosts(); i++) {
        boolean bridge = !(i == 1 && options.failures().contains(Failure.HOST_NETWORK));
        realHosts.add(teardown.add("host network " + HostNodes.name(i), HostNetworks.RealHost.start(client,
            NAMESPACE, i, workDir.resolve("hosts").resolve(HostNodes.name(i)), bridge)));
      }
      hostNetworkMode = "real";
      console.line("host network: REAL - per host a network namespace (%s..) with br-dpu, a sysfs tree, a driver "
          + "stand-in that creates VF0 (a veth) when VFs are enabled, and the real host agent (dpu-agent "
          + "--mode=host) in-process", realHosts.get(0).netns);
    } else {
      teardown.add("host network stand-in", new HostNetworkStandIn(client,
          options.failures().contains(Failure.HOST_NETWORK) ? HostNodes.name(1) : null).start(NAMESPACE));
      hostNetworkMode = "stand-in";
      console.line("host network: STAND-IN (%s) - the HostNetworkConfigured condition is written without configuring "
          + "anything; run as root with iproute2 for the real host agent", unavailable);
    }
  }

  private void startStandIns(KubernetesClient client) {
    teardown.add("Argo CD stand-in", new ArgoCdStandIn(client).start(NAMESPACE));
    console.line("Argo CD: STAND-IN marks each Application Synced/Healthy (no Helm chart is deployed)");
    for (LocalControlPlane plane : dpuPlanes) {
      dpuStandIns.add(teardown.add("DPU cluster stand-ins " + plane.name(),
          new DpuClusterStandIn(plane.name(), plane.adminClient()).start()));
    }
    console.line("DPU clusters: STAND-INS for the DPU node agent (ServiceInterface/ServiceChain Ready, no OVS) and "
        + "nv-ipam (pool allocations)");
  }

  private void applySamples(KubernetesClient client) {
    List<Manifests.DpuClusterInput> clusters = dpuPlanes.stream().map(p -> new Manifests.DpuClusterInput(
        p.adminKubeconfig(), p.adminClient().getKubernetesVersion().getGitVersion())).toList();
    plan = Manifests.prepare(Manifests.load(options.samplesDir()), bfbServer.url(), clusters);
    console.line("samples: applying %d objects from %s", plan.objects().size(),
        options.samplesDir() == null ? "config/samples (shipped in the jar)" : options.samplesDir());
    for (String change : plan.changes()) {
      console.line("samples: %s", change);
    }
    plan.objects().stream().filter(o -> "DPUCluster".equals(o.getKind()))
        .forEach(o -> dpuClusterNames.add(o.getMetadata().getName()));
    Manifests.apply(client, plan, console);
  }

  // ------------------------------------------------------------------------------------------------ waiting

  Result awaitSettled() throws InterruptedException {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    long unaffectedReadySince = 0;
    long onlyNoStatusSince = 0;
    long seen = progress.version();
    while (!teardown.closed()) {
      Evaluation e = evaluate();
      long now = System.nanoTime();
      if (e.onlyNoStatusLeft()) {
        if (onlyNoStatusSince == 0) {
          onlyNoStatusSince = now;
        } else if (now - onlyNoStatusSince > NO_CONTROLLER_GRACE.toNanos()) {
          console.line("only objects without any status are left for %d s (no controller for them in this build?); "
              + "not waiting for the timeout", NO_CONTROLLER_GRACE.toSeconds());
          return result(false);
        }
      } else {
        onlyNoStatusSince = 0;
      }
      if (e.unaffectedReady() && options.failures().isEmpty()) {
        console.line(Progress.notReady(progress.states()).isEmpty() ? "everything is Ready"
            : "everything is Ready except IP pools of DPU clusters without DPU nodes (see the note below)");
        return result(true);
      }
      if (e.unaffectedReady()) {
        if (unaffectedReadySince == 0) {
          unaffectedReadySince = now;
          console.line("everything not affected by the injected failure is Ready");
        }
        if (e.failureVisible() || now - unaffectedReadySince > FAILURE_GRACE.toNanos()) {
          // the failure shows: as errors, or at least as objects kept from becoming Ready
          return result(e.failureVisible() || e.affectedNotReady());
        }
      }
      if (now > deadline) {
        console.line("timed out after %d s", options.timeout().toSeconds());
        return result(false);
      }
      long wait = Math.min(deadline - now, Duration.ofSeconds(5).toNanos());
      seen = progress.awaitChange(seen, Duration.ofNanos(Math.max(wait, 1)));
    }
    return result(false);
  }

  /**
   * @param unaffectedReady every object the injected failures do not touch is Ready (and every expected one exists)
   * @param failureVisible every affected object shows its failure
   * @param onlyNoStatusLeft the unaffected objects that are not Ready are all ones no controller wrote a status to
   * @param affectedNotReady some object an injected failure touches is not Ready
   */
  private record Evaluation(boolean unaffectedReady, boolean failureVisible, boolean onlyNoStatusLeft,
      boolean affectedNotReady) {}

  private Evaluation evaluate() {
    Set<String> affected = affectedObjects();
    Map<String, Long> expected = plan.objects().stream()
        .filter(o -> Progress.KINDS.stream().anyMatch(k -> k.kind().equals(o.getKind())))
        .collect(Collectors.groupingBy(GenericKubernetesResource::getKind, Collectors.counting()));
    expected.put("DPU", (long) options.hosts());
    boolean unaffectedReady = true;
    for (Map.Entry<String, Long> kind : expected.entrySet()) {
      List<GenericKubernetesResource> objects = progress.objects(kind.getKey());
      if (objects.size() < kind.getValue()) {
        unaffectedReady = false;
      }
    }
    boolean countsComplete = unaffectedReady;
    boolean failureVisible = !affected.isEmpty();
    boolean noStatusOnly = true;
    boolean anyNoStatus = false;
    boolean affectedNotReady = false;
    for (Progress.Kind kind : Progress.KINDS) {
      for (GenericKubernetesResource o : progress.objects(kind.kind())) {
        Progress.ObjectState s = Progress.state(kind, o);
        String key = s.kind() + "/" + s.name();
        if (affected.contains(key)) {
          affectedNotReady |= !s.ready();
          failureVisible &= "Error".equals(s.phase()) || !s.detail().isEmpty()
              && (s.detail().contains("Error") || s.detail().contains("Fail"));
        } else if (!s.ready() && !onlyNodelessClusters(s)) {
          unaffectedReady = false;
          if (Progress.noStatus(o)) {
            anyNoStatus = true;
          } else {
            noStatusOnly = false;
          }
        }
      }
    }
    boolean onlyNoStatusLeft = countsComplete && anyNoStatus && noStatusOnly;
    return new Evaluation(unaffectedReady, failureVisible, onlyNoStatusLeft, affectedNotReady);
  }

  private static final java.util.regex.Pattern CLUSTER_REF =
      java.util.regex.Pattern.compile("\\{Cluster: [^/]+/([^,}]+), Object: ");

  /**
   * Whether a DPUServiceIPAM is not Ready only because of DPU clusters without DPU nodes: a pool there has nothing to
   * allocate (DPF v24.10 gives every DPU to the first cluster with room, so with {@code --dpu-clusters} > 1 the
   * others have none; with an injected failure no DPU may join at all). Reported, but not waited for.
   */
  private boolean onlyNodelessClusters(Progress.ObjectState s) {
    if (!"DPUServiceIPAM".equals(s.kind())) {
      return false;
    }
    java.util.regex.Matcher m = CLUSTER_REF.matcher(s.detail());
    boolean any = false;
    while (m.find()) {
      int index = dpuClusterNames.indexOf(m.group(1));
      if (index < 0 || dpuStandIns.get(index).nodeCount() > 0) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** Objects that an injected failure keeps from becoming Ready ({@code Kind/name}). */
  private Set<String> affectedObjects() {
    Set<String> affected = new java.util.TreeSet<>();
    for (Failure f : options.failures()) {
      if (f.firstDpuOnly()) {
        affected.add("DPU/" + HostNodes.dpuName(1));
      } else {
        for (int i = 1; i <= options.hosts(); i++) {
          affected.add("DPU/" + HostNodes.dpuName(i));
        }
        plan.objects().stream().filter(o -> "BFB".equals(o.getKind()))
            .forEach(o -> affected.add("BFB/" + o.getMetadata().getName()));
      }
      plan.objects().stream().filter(o -> "DPUSet".equals(o.getKind()))
          .forEach(o -> affected.add("DPUSet/" + o.getMetadata().getName()));
    }
    return affected;
  }

  private Result result(boolean settled) {
    String failures = options.failures().stream().map(f -> f.flag).sorted().collect(Collectors.joining(","));
    return new Result(settled, progress.states(), hostNetworkMode, workDir, failures);
  }

  // ------------------------------------------------------------------------------------------------ report

  void report(Result result) {
    progress.quiet();
    console.line("%s", progress.line());
    List<Progress.ObjectState> notReady = result.notReady();
    if (!notReady.isEmpty()) {
      console.line("not Ready:");
      for (Progress.ObjectState s : notReady) {
        console.raw("    " + s.kind() + "/" + s.name() + (s.phase() == null ? "" : " (phase " + s.phase() + ")")
            + (s.detail().isEmpty() ? "" : ": " + s.detail()));
      }
    }
    console.line("DPUs:");
    for (GenericKubernetesResource dpu : progress.objects("DPU")) {
      String name = dpu.getMetadata().getName();
      Map<String, Object> hostNet = StatusWriter.condition(dpu, "HostNetworkConfigured");
      String joined = fleet.findDpu(name).map(d -> d.joined() ? "joined its DPU cluster" : "not joined")
          .orElse("no simulator");
      console.raw("    " + name + ": phase " + StatusWriter.statusString(dpu, "phase") + ", " + joined
          + (hostNet == null ? "" : ", host network: " + hostNet.get("message")));
    }
    Map<String, List<String>> podsByNode = new java.util.TreeMap<>();
    for (io.fabric8.kubernetes.api.model.Pod pod : host.adminClient().pods().inNamespace(NAMESPACE).list().getItems()) {
      String node = pod.getSpec().getNodeName() == null ? "(not scheduled)" : pod.getSpec().getNodeName();
      podsByNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod.getMetadata().getName() + " "
          + (pod.getStatus() == null ? "?" : pod.getStatus().getPhase()));
    }
    podsByNode.forEach((node, pods) -> console.line("pods on %s (kwok): %s", node, String.join(", ", pods)));
    boolean emptyCluster = false;
    for (LocalControlPlane plane : dpuPlanes) {
      List<String> nodes = plane.adminClient().nodes().list().getItems().stream()
          .map(n -> n.getMetadata().getName() + (nodeReady(n) ? "" : " (not Ready)")).sorted().toList();
      console.line("DPU cluster %s: nodes %s", plane.name(), nodes.isEmpty() ? "(none)" : String.join(", ", nodes));
      emptyCluster |= nodes.isEmpty();
    }
    if (emptyCluster && dpuPlanes.size() > 1) {
      console.line("note: DPF v24.10 gives every DPU to the first DPUCluster (by name) while it has room "
          + "(spec.maxNodes), without falling back to the next one; DPU clusters without DPU nodes carry the "
          + "DPU services, interfaces and chains, but an IP pool there has nothing to allocate to and stays not Ready");
    } else if (emptyCluster) {
      console.line("note: no DPU joined the DPU cluster, so its IP pool has nothing to allocate to and stays not "
          + "Ready");
    }
    console.line("dpfctl describe all:");
    console.raw(Dpfctl.run(host.adminKubeconfigFile(), "describe", "all"));
    if (!options.failures().isEmpty()) {
      String first = "dpu/" + HostNodes.dpuName(1);
      console.line("dpfctl why %s:", first);
      console.raw(Dpfctl.run(host.adminKubeconfigFile(), "why", first));
    }
    String verdict;
    if (!result.settled()) {
      verdict = "demo finished: NOT everything is Ready (see above)";
    } else if (!options.failures().isEmpty()) {
      verdict = "demo finished: the injected failure (" + result.failureSummary() + ") shows as above; everything "
          + "else is Ready";
    } else if (!notReady.isEmpty()) {
      verdict = "demo finished: everything is Ready except IP pools of DPU clusters without DPU nodes (see the note)";
    } else {
      verdict = "demo finished: everything is Ready";
    }
    console.line("%s", verdict);
  }

  private void printHowToExplore() {
    Path kubectl = ControlPlaneAssets.binary("kubectl");
    console.line("the demo keeps running; in another shell:");
    console.raw("    export KUBECONFIG=" + host.adminKubeconfigFile());
    console.raw("    " + kubectl + " get dpusets,dpus,bfbs,dpuclusters,dpuservices -n " + NAMESPACE);
    console.raw("    " + kubectl + " get nodes -o wide                       # the simulated hosts (kwok)");
    for (LocalControlPlane plane : dpuPlanes) {
      console.raw("    " + kubectl + " --kubeconfig=" + plane.adminKubeconfigFile() + " get nodes,"
          + "serviceinterfaces,servicechains -A   # " + plane.name());
    }
    console.raw("    " + Dpfctl.commandLine(host.adminKubeconfigFile(), "describe", "all"));
    console.raw("    " + Dpfctl.commandLine(host.adminKubeconfigFile(), "why", "dpu/" + HostNodes.dpuName(1)));
    for (HostNetworks.RealHost h : realHosts) {
      console.raw("    ip -n " + h.netns + " -d link show   # " + h.node);
    }
    console.line("stop with Ctrl-C");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private String bfbFileName() {
    return Manifests.load(options.samplesDir()).stream().filter(o -> "BFB".equals(o.getKind())).findFirst()
        .map(o -> {
          Object spec = o.getAdditionalProperties().get("spec");
          String url = spec instanceof Map<?, ?> m ? String.valueOf(m.get("url")) : "";
          return url.substring(url.lastIndexOf('/') + 1);
        }).filter(n -> n.endsWith(".bfb")).orElse("bf-bundle.bfb");
  }

  private String hostList() {
    if (options.hosts() <= 3) {
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= options.hosts(); i++) {
        names.add(HostNodes.name(i) + " (" + HostNodes.internalIp(i) + ")");
      }
      return String.join(", ", names);
    }
    return HostNodes.name(1) + " .. " + HostNodes.name(options.hosts()) + " (" + HostNodes.internalIp(1) + " ..)";
  }

  static boolean nodeReady(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Stops everything the demo started (idempotent; also from the Ctrl-C hook). */
  @Override
  public void close() {
    teardown.close();
    stopped.countDown();
    LOG.info("demo stopped");
  }
}
