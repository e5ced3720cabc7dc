package dev.dpf.provisioning.dpu;

import static org.awaitility.Awaitility.await;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigSpec;
import dev.dpf.api.operator.v1alpha1.Networking;
import dev.dpf.api.operator.v1alpha1.ProvisioningControllerConfiguration;
import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.BFBSpec;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUSpec;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.dpusim.Fleet;
import dev.dpf.provisioning.ProvisioningTestModules;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The world of a DPU controller test on the real control plane: host Nodes labelled as NFD would, a static DPUCluster
 * backed by DPU API server 1 (the cluster the simulated DPUs join), the DPFOperatorConfig, BFB files in the BFB
 * volume, a simulated fleet behind {@code DmsEndpoints}/{@code HostOps}, and the stand-ins for what does not run in
 * tests (kubelet, cert-manager, the host network agent). The controllers (BFB, DPUSet, DPU) run in a
 * {@link ControllerHarness} that can be stopped and started again on the same BFB volume (operator restart).
 */
final class DpuTestbed implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String CLUSTER = "dpu-cplane";
  static final String PCI = "0000-4b-00";

  final KubeTestContext kube;
  final KubernetesClient client;
  final KubernetesClient dpuClient;
  final String ns;
  final Path bfbDir;
  final Fleet fleet;
  final String testLabel;
  final KubeletStandIn kubelet;
  final CertManagerStandIn certManager;
  final HostAgentStandIn agent;
  final List<String> hosts = new ArrayList<>();
  private final String prefix = "h" + UUID.randomUUID().toString().substring(0, 6);
  private DpuControllerOptions options = testOptions();
  private ControllerHarness harness;

  DpuTestbed(KubeTestContext kube) {
    this(kube, b -> b);
  }

  DpuTestbed(KubeTestContext kube, UnaryOperator<Fleet.Builder> fleetOptions) {
    this.kube = kube;
    this.client = kube.client();
    this.ns = kube.namespace();
    this.dpuClient = kube.dpuClient(1);
    this.testLabel = "test.dpf.dev/" + ns;
    try {
      this.bfbDir = Files.createTempDirectory("dpf-dpu-bfb-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String endpoint = URI.create(kube.dpuCluster(1).url()).getAuthority();
    this.fleet = fleetOptions.apply(Fleet.builder()
        .dpuClusters(e -> e.equals(endpoint) ? dpuClient : null)
        .rebootTime(Duration.ofMillis(500))
        .cloudInitDelay(Duration.ofMillis(100))
        .joinRetryInterval(Duration.ofMillis(300))).build();
    fleet.publishSecrets(client, ns);
    this.kubelet = new KubeletStandIn(client, ns);
    this.certManager = new CertManagerStandIn(client, ns, fleet);
    this.agent = new HostAgentStandIn(client, ns);
    operatorConfig(30);
    DpuClusterFixtures.readyStaticCluster(kube, 1, CLUSTER);
  }

  /** Short waits everywhere: CLOUD_INIT_TIMEOUT 0, fast RebootStatus polling, quick retries. */
  static DpuControllerOptions testOptions() {
    return DpuControllerOptions.defaults()
        .withImages("dms:test", "hostnetwork:test")
        .withCloudInitWait(Duration.ZERO)
        .withReboot(Duration.ofSeconds(30), Duration.ofMillis(300))
        .withInstallRetries(3, Duration.ofMillis(300))
        .withWaits(Duration.ofMillis(300), Duration.ofSeconds(20))
        .withTimeouts(t -> t.withPollInterval(Duration.ofMillis(100))
            .withActivateRetries(10, Duration.ofMillis(50)));
  }

  DpuTestbed options(UnaryOperator<DpuControllerOptions> change) {
    options = change.apply(options);
    return this;
  }

  /** Starts the BFB, DPUSet and DPU controllers (the operator). */
  DpuTestbed start() {
    harness = ControllerHarness.start(kube, s -> s.withBfbDir(bfbDir), ctx -> {
      ProvisioningTestModules.registerBfb(ctx);
      ProvisioningTestModules.registerDpuSet(ctx);
      OperatorConfigSettings settings = new OperatorConfigSettings(ctx.client(), ns);
      ctx.onStop(settings);
      DpuControllers.register(ctx, fleet.endpoints(), fleet.hostOps(), settings, options);
    });
    return this;
  }

  /** The running operator (null when stopped): its meters count reconciliations (DpuFleetBenchmark). */
  ControllerHarness harness() {
    return harness;
  }

  /** Stops the operator (its background tasks are cancelled, as when the process dies). */
  void stop() {
    if (harness != null) {
      harness.close();
      harness = null;
    }
  }

  // ------------------------------------------------------------------------------------------------- fixtures

  void operatorConfig(int dmsTimeoutSeconds) {
    DPFOperatorConfig config = new DPFOperatorConfig();
    config.getMetadata().setName(DPFOperatorConfig.DEFAULT_NAME);
    config.getMetadata().setNamespace(ns);
    DPFOperatorConfigSpec spec = new DPFOperatorConfigSpec();
    ProvisioningControllerConfiguration pc = new ProvisioningControllerConfiguration();
    pc.setBfbPVCName("bfb-pvc");
    pc.setDmsTimeout(dmsTimeoutSeconds);
    spec.setProvisioningController(pc);
    Networking networking = new Networking();
    networking.setHighSpeedMTU(9000);
    spec.setNetworking(networking);
    spec.setImagePullSecrets(List.of("dpf-pull-secret"));
    config.setSpec(spec);
    client.resource(config).serverSideApply();
  }

  /** A host Node with one DPU (index 0, PCI 0000-4b-00), labelled as NFD and the DPU detector would. */
  String host(int index) {
    return host(index, true);
  }

  String host(int index, boolean oobBridge) {
    String name = prefix + "-w" + index;
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(testLabel, "");
    labels.put(ProvisioningLabels.NODE_DPU_ENABLED, "true");
    labels.put(ProvisioningLabels.nodeDpuPciAddress(0), PCI);
    labels.put(ProvisioningLabels.nodeDpuPf0Name(0), "ens1f0np0");
    if (oobBridge) {
      labels.put(ProvisioningLabels.NODE_DPU_OOB_BRIDGE_CONFIGURED, "");
    }
    Node node = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewStatus().addNewAddress().withType("InternalIP").withAddress("10.0.110." + (index + 10)).endAddress()
        .endStatus().build();
    client.nodes().resource(node).create();
    if (!hosts.contains(name)) {
      hosts.add(name);
      fleet.addDpu(dpuName(name), name);
    }
    return name;
  }

  static String dpuName(String host) {
    return host + "-" + PCI;
  }

  /** A BFB whose image is already in the BFB volume (the BFB controller adopts it): returns the file's SHA-256. */
  String bfb(String name, String fileName, int size) {
    Path file = bfbDir.resolve(fileName);
    Random random = new Random(fileName.hashCode());
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int left = size; left > 0; left -= buffer.length) {
        random.nextBytes(buffer);
        out.write(buffer, 0, Math.min(left, buffer.length));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BFB bfb = new BFB();
    bfb.getMetadata().setName(name);
    bfb.getMetadata().setNamespace(ns);
    BFBSpec spec = new BFBSpec();
    spec.setUrl("http://bfb.example.com/" + fileName);
    spec.setFileName(fileName);
    bfb.setSpec(spec);
    client.resource(bfb).create();
    return sha256(file);
  }

  void flavor(String name) {
    DPUFlavor flavor = new DPUFlavor();
    flavor.getMetadata().setName(name);
    flavor.getMetadata().setNamespace(ns);
    flavor.setSpec(new DPUFlavorSpec());
    client.resource(flavor).create();
  }

  /** A DPU as the DPUSet controller would create it for {@code host}, without owner. */
  DPU dpu(String host, String bfb, Consumer<DPU> customize) {
    DPU dpu = new DPU();
    dpu.getMetadata().setName(dpuName(host));
    dpu.getMetadata().setNamespace(ns);
    dpu.getMetadata().setLabels(Map.of(ProvisioningLabels.DPU_PCI_ADDRESS, PCI,
        ProvisioningLabels.DPU_PF_NAME, "ens1f0np0", ProvisioningLabels.DPU_HOST_IP, "10.0.110.1"));
    DPUSpec spec = new DPUSpec();
    spec.setNodeName(host);
    spec.setBfb(bfb);
    spec.setDpuFlavor("flavor");
    spec.setNodeEffect(taint());
    dpu.setSpec(spec);
    customize.accept(dpu);
    return client.resource(dpu).create();
  }

  static NodeEffect taint() {
    return NodeEffect.taint(new TaintBuilder().withKey("dpu").withValue("provisioning").withEffect("NoSchedule")
        .build());
  }

  // -------------------------------------------------------------------------------------------------- queries

  /** The metrics of the running controller. */
  io.micrometer.core.instrument.MeterRegistry meters() {
    return harness.meters();
  }

  DPU get(String name) {
    return client.resources(DPU.class).inNamespace(ns).withName(name).get();
  }

  DPU awaitPhase(String name, DPUPhase phase) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
      DPU dpu = get(name);
      return dpu != null && dpu.getStatus() != null && dpu.getStatus().getPhase() == phase;
    });
    return get(name);
  }

  static Optional<Condition> condition(DPU dpu, String type) {
    if (dpu == null || dpu.getStatus() == null || dpu.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return dpu.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** The condition, or an AssertionError (so that Awaitility's untilAsserted retries). */
  static Condition cond(DPU dpu, String type) {
    return condition(dpu, type).orElseThrow(() -> new AssertionError("no condition " + type));
  }

  List<Event> events(String dpu, String reason) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> dpu.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
  }

  Node node(String host) {
    return client.nodes().withName(host).get();
  }

  static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
    agent.close();
    certManager.close();
    kubelet.close();
    fleet.close();
    client.nodes().withLabel(testLabel).delete();
    for (String host : hosts) {
      dpuClient.nodes().withName(dpuName(host)).delete();
    }
  }
}
