package dev.dpf.dpusim;

import dev.dpf.dms.DmsEndpoints;
import dev.dpf.dms.DmsTls;
import dev.dpf.dms.DpuRef;
import dev.dpf.dms.HostOps;
import dev.dpf.dms.HostOpsException;
import dev.dpf.dms.PowerAction;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated DPUs and hosts for tests, the demo and benchmarks. It
 *
 * <ul>
 *   <li>creates DPUs ({@link #addDpu}, {@link #addDpus}), each with its own {@link DmsSimulator} on 127.0.0.1 and a
 *       {@link SimulatedHost} (several DPUs may share a host), looked up by DPU name ({@link #dpu});</li>
 *   <li>gives the controller its hardware seams: {@link #endpoints()} ({@link DmsEndpoints}: the simulator's
 *       address) and {@link #hostOps()} ({@link HostOps} on the simulated hosts), both keyed by DPU name (the
 *       namespace of the {@link DpuRef} is not used);</li>
 *   <li>plays cert-manager: one CA ({@code dpf-provisioning-ca-cert}), per DPU the server Secret
 *       {@code <dpu>-server-secret} (ca.crt, tls.crt, tls.key; CN {@code <dpu>-dms-server-cert}, IP SAN 127.0.0.1,
 *       server auth) that its simulator serves with, and the client Secret {@value DmsTls#CLIENT_SECRET}
 *       (CN {@code dpf-provisioning-client-cert}, client auth), written by {@link #publishSecrets};</li>
 *   <li>joins flashed DPUs to their DPU cluster: {@code dpuClusters} maps the {@code host:port} of a bf.cfg's
 *       {@code kubeadm join} to a client of that cluster (see {@link SimulatedDpu}).</li>
 * </ul>
 */
public final class Fleet implements AutoCloseable {

  /** cert-manager's CA Secret of the provisioning issuer. */
  public static final String CA_SECRET = "dpf-provisioning-ca-secret";

  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
  private static final Duration CERT_VALIDITY = Duration.ofHours(24);

  /**
   * Defaults of new DPUs.
   *
   * @param rebootTime RebootStatus stays active this long after Activate
   * @param cloudInitDelay from boot to the first {@code kubeadm join} attempt
   * @param joinRetryInterval between rejected join attempts
   * @param maxJoinAttempts 0 = retry forever, as the upstream join script
   * @param hostDowntime how long a rebooted host is unreachable
   * @param initialHostUptime uptime of every host when the fleet creates it
   * @param imageFolder shared image folder of all simulated DMS (null: private in-memory stores)
   */
  public record Settings(Duration rebootTime, Duration cloudInitDelay, Duration joinRetryInterval,
      int maxJoinAttempts, Duration hostDowntime, Duration initialHostUptime, Path imageFolder) {}

  private final Settings settings;
  private final Function<String, KubernetesClient> dpuClusters;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final FleetPki.CertKey ca = FleetPki.newCa("dpf-provisioning-ca-cert", Duration.ofDays(3650));
  private final FleetPki.CertKey client;
  private final Map<String, SimulatedDpu> dpus = new LinkedHashMap<>();
  private final Map<String, SimulatedHost> hosts = new LinkedHashMap<>();
  private final Map<String, FleetPki.CertKey> serverCerts = new LinkedHashMap<>();
  private final List<Map.Entry<KubernetesClient, String>> secretTargets = new CopyOnWriteArrayList<>();
  private final AtomicInteger ipCounter = new AtomicInteger();

  private Fleet(Builder b) {
    this.settings = new Settings(b.rebootTime, b.cloudInitDelay, b.joinRetryInterval, b.maxJoinAttempts,
        b.hostDowntime, b.initialHostUptime, b.imageFolder);
    this.dpuClusters = b.dpuClusters;
    this.clock = b.clock;
    this.client = FleetPki.issue(ca, "dpf-provisioning-client-cert", List.of(), FleetPki.Usage.CLIENT_AUTH,
        CERT_VALIDITY);
    ScheduledThreadPoolExecutor executor = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(
        b.threads, r -> {
          Thread t = new Thread(r, "dpu-sim-fleet");
          t.setDaemon(true);
          return t;
        });
    executor.setRemoveOnCancelPolicy(true);
    this.scheduler = executor;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Fleet configuration; every value has a default. */
  public static final class Builder {
    private Function<String, KubernetesClient> dpuClusters = endpoint -> null;
    private Duration rebootTime = Duration.ofSeconds(2);
    private Duration cloudInitDelay = Duration.ofMillis(500);
    private Duration joinRetryInterval = Duration.ofSeconds(5);
    private int maxJoinAttempts;
    private Duration hostDowntime = Duration.ZERO;
    private Duration initialHostUptime = Duration.ofDays(10);
    private Path imageFolder;
    private Clock clock = Clock.systemUTC();
    private int threads = 2;

    private Builder() {}

    /**
     * Clients of the DPU clusters by join endpoint ({@code host:port} of the API server, as in the bf.cfg's
     * {@code kubeadm join}); null for an unknown endpoint (the join is then rejected). The fleet does not close
     * them.
     */
    public Builder dpuClusters(Function<String, KubernetesClient> value) {
      dpuClusters = Objects.requireNonNull(value);
      return this;
    }

    /** RebootStatus stays active this long after Activate (default 2 s). */
    public Builder rebootTime(Duration value) {
      rebootTime = value;
      return this;
    }

    /** Delay from boot to the first join attempt (upstream: cloud-init and the join script; default 0.5 s). */
    public Builder cloudInitDelay(Duration value) {
      cloudInitDelay = value;
      return this;
    }

    /** Pause between rejected join attempts (default 5 s, as the upstream join script). */
    public Builder joinRetryInterval(Duration value) {
      joinRetryInterval = value;
      return this;
    }

    /** Give up after this many join attempts (default 0: never, as upstream). */
    public Builder maxJoinAttempts(int value) {
      maxJoinAttempts = value;
      return this;
    }

    /** How long a rebooted host is unreachable (default 0). */
    public Builder hostDowntime(Duration value) {
      hostDowntime = value;
      return this;
    }

    /** Uptime of a new host (default 10 days). */
    public Builder initialHostUptime(Duration value) {
      initialHostUptime = value;
      return this;
    }

    /** One image folder for every simulated DMS, like DPF's shared BFB volume (default: in-memory stores). */
    public Builder imageFolder(Path value) {
      imageFolder = value;
      return this;
    }

    public Builder clock(Clock value) {
      clock = value;
      return this;
    }

    /** Timer threads shared by all simulators (default 2). */
    public Builder threads(int value) {
      threads = value;
      return this;
    }

    public Fleet build() {
      return new Fleet(this);
    }
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Adds a DPU named {@code dpuName} on host {@code hostName} (created if new) and starts its DMS simulator. Its
   * server Secret is written to every namespace given to {@link #publishSecrets} so far.
   */
  public SimulatedDpu addDpu(String dpuName, String hostName) {
    SimulatedDpu dpu;
    synchronized (this) {
      if (dpus.containsKey(dpuName)) {
        throw new IllegalArgumentException("DPU " + dpuName + " already exists");
      }
      SimulatedHost host = hosts.computeIfAbsent(hostName,
          h -> new SimulatedHost(h, clock, settings.initialHostUptime()).downtime(settings.hostDowntime()));
      long onHost = dpus.values().stream().filter(d -> d.host() == host).count();
      String pci = String.format("%02x:00", 0x4b + onHost);
      int n = ipCounter.incrementAndGet();
      String ip = "172.30." + (n / 250) + "." + (n % 250 + 1);
      dpu = new SimulatedDpu(dpuName, host, pci, ip, settings, dpuClusters, scheduler, clock);
      FleetPki.CertKey serving = FleetPki.issue(ca, dpuName + "-dms-server-cert", List.of("127.0.0.1"),
          FleetPki.Usage.SERVER_AUTH, CERT_VALIDITY);
      serverCerts.put(dpuName, serving);
      SimulatedDpu target = dpu;
      DmsSimulator dms = DmsSimulator.builder(dpuName,
              new DmsSimulator.ServerTls(serving.certPem(), serving.keyPem(), ca.certPem()))
          .imageFolder(settings.imageFolder())
          .clock(clock)
          .scheduler(scheduler)
          .onBoot(target::booted)
          .start()
          .rebootTime(settings.rebootTime());
      dpu.attach(dms);
      dpus.put(dpuName, dpu);
    }
    for (Map.Entry<KubernetesClient, String> target : secretTargets) {
      apply(target.getKey(), target.getValue(), serverSecret(dpuName));
    }
    LOG.atDebug().addKeyValue("dpu", dpuName).addKeyValue("host", hostName)
        .addKeyValue("dms", dpu.dms().address()).log("simulated DPU added");
    return dpu;
  }

  /** Adds {@code count} DPUs {@code <prefix>-1..count}, each on its own host {@code <prefix>-<i>-host}. */
  public List<SimulatedDpu> addDpus(int count, String prefix) {
    List<SimulatedDpu> result = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      result.add(addDpu(prefix + "-" + i, prefix + "-" + i + "-host"));
    }
    return result;
  }

  /** The DPU named {@code name}. */
  public SimulatedDpu dpu(String name) {
    return findDpu(name).orElseThrow(() -> new IllegalArgumentException("no simulated DPU " + name));
  }

  public synchronized Optional<SimulatedDpu> findDpu(String name) {
    return Optional.ofNullable(dpus.get(name));
  }

  public synchronized List<SimulatedDpu> dpus() {
    return new ArrayList<>(dpus.values());
  }

  public synchronized SimulatedHost host(String name) {
    SimulatedHost host = hosts.get(name);
    if (host == null) {
      throw new IllegalArgumentException("no simulated host " + name);
    }
    return host;
  }

  public synchronized Collection<SimulatedHost> hosts() {
    return new ArrayList<>(hosts.values());
  }

  /** {@link DmsEndpoints} of the simulators: 127.0.0.1 and the DPU's port; empty for an unknown DPU. */
  public DmsEndpoints endpoints() {
    return dpu -> findDpu(dpu.name()).map(d -> d.dms().address());
  }

  /** {@link HostOps} on the simulated hosts; an unknown DPU fails as a missing DMS pod would. */
  public HostOps hostOps() {
    return new HostOps() {
      @Override
      public long uptimeSeconds(DpuRef dpu) {
        return known(dpu).host().uptimeSeconds();
      }

      @Override
      public void powerCycle(DpuRef dpu, PowerAction action) {
        known(dpu).host().powerCycle(action);
      }

      @Override
      public void warmReboot(DpuRef dpu, String pciAddress, PowerAction action) {
        SimulatedDpu known = known(dpu);
        if (!known.pciAddress().equals(pciAddress)) {
          throw new HostOpsException("`bf-slr.sh " + pciAddress + " " + action.word() + " arm` in pod "
              + dpu.namespace() + "/" + dpu.dmsPodName() + " exited with code 1: no BlueField at " + pciAddress);
        }
        known.host().warmReboot(pciAddress, action);
      }

      private SimulatedDpu known(DpuRef dpu) {
        return findDpu(dpu.name()).orElseThrow(() -> new HostOpsException("cannot run commands in pod "
            + dpu.namespace() + "/" + dpu.dmsPodName() + ": HTTP 404 pods \"" + dpu.dmsPodName() + "\" not found"));
      }
    };
  }

  /** The client's TLS material (what a controller would assemble from the Secrets). */
  public DmsTls clientTls() {
    return DmsTls.fromPem(client.certPem(), client.keyPem(), ca.certPem());
  }

  /** The CA certificate (PEM). */
  public String caCertPem() {
    return ca.certPem();
  }

  /**
   * Writes (server-side apply, field manager {@code dpu-sim}) the CA Secret {@value #CA_SECRET}, the client Secret
   * and every DPU's server Secret into {@code namespace}, and does so for DPUs added later too.
   */
  public void publishSecrets(KubernetesClient kube, String namespace) {
    secretTargets.add(Map.entry(kube, namespace));
    apply(kube, namespace, caSecret());
    apply(kube, namespace, clientSecret());
    List<String> names;
    synchronized (this) {
      names = new ArrayList<>(dpus.keySet());
    }
    for (String name : names) {
      apply(kube, namespace, serverSecret(name));
    }
  }

  /** The CA Secret as cert-manager keeps it (tls.crt, tls.key, ca.crt of the self-signed CA). */
  public Secret caSecret() {
    return tlsSecret(CA_SECRET, "dpf-provisioning-ca-cert", ca, List.of(), "dpf-provisioning-selfsigned-issuer");
  }

  /** {@value DmsTls#CLIENT_SECRET}. */
  public Secret clientSecret() {
    return tlsSecret(DmsTls.CLIENT_SECRET, "dpf-provisioning-client-cert", client, List.of(),
        "dpf-provisioning-issuer");
  }

  /** {@code <dpu>-server-secret}. */
  public synchronized Secret serverSecret(String dpuName) {
    FleetPki.CertKey serving = serverCerts.get(dpuName);
    if (serving == null) {
      throw new IllegalArgumentException("no simulated DPU " + dpuName);
    }
    return tlsSecret(serverSecretName(dpuName), dpuName + "-dms-server-cert", serving, List.of("127.0.0.1"),
        "dpf-provisioning-issuer");
  }

  /** {@code <dpu>-server-secret}. */
  public static String serverSecretName(String dpuName) {
    return dpuName + "-server-secret";
  }

  private Secret tlsSecret(String name, String certificate, FleetPki.CertKey leaf, List<String> ips, String issuer) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("cert-manager.io/certificate-name", certificate);
    annotations.put("cert-manager.io/common-name", certificate);
    annotations.put("cert-manager.io/issuer-name", issuer);
    annotations.put("cert-manager.io/issuer-kind", "Issuer");
    annotations.put("cert-manager.io/issuer-group", "cert-manager.io");
    if (!ips.isEmpty()) {
      annotations.put("cert-manager.io/ip-sans", String.join(",", ips));
    }
    return new SecretBuilder()
        .withNewMetadata().withName(name).withAnnotations(annotations)
          .addToLabels("app.kubernetes.io/managed-by", "dpu-sim").endMetadata()
        .withType("kubernetes.io/tls")
        .addToData("ca.crt", b64(ca.certPem()))
        .addToData("tls.crt", b64(leaf.certPem()))
        .addToData("tls.key", b64(leaf.keyPem()))
        .build();
  }

  private static void apply(KubernetesClient kube, String namespace, Secret secret) {
    secret.getMetadata().setNamespace(namespace);
    kube.secrets().inNamespace(namespace).resource(secret).fieldManager("dpu-sim").forceConflicts()
        .serverSideApply();
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Stops every simulator and timer. */
  @Override
  public void close() {
    List<SimulatedDpu> all;
    synchronized (this) {
      all = new ArrayList<>(dpus.values());
    }
    all.forEach(SimulatedDpu::close);
    scheduler.shutdownNow();
  }

  @Override
  public String toString() {
    return "Fleet[" + dpus().size() + " DPUs]";
  }
}
