package dev.dpf.dpusim;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated DPU of a {@link Fleet}: its DMS ({@link #dms()}), its host ({@link #host()}), and what happens when
 * it boots a new image: like cloud-init running the bf.cfg's join script, it waits the cloud-init delay, reads the
 * hostname and the {@code kubeadm join} command from the activated bf.cfg, verifies the bootstrap token and the CA
 * hash against the DPU cluster, and registers Node {@code <hostname>} there. A rejected join is retried every
 * join-retry interval (the upstream join script loops forever) and shows in {@link #joinRejections()},
 * {@link #lastJoinError()} and {@link #log()}. Once joined, later reboots of the same image do not join again
 * (the join script's marker file); flashing a new image starts over.
 */
public final class SimulatedDpu {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedDpu.class);

  private final String name;
  private final SimulatedHost host;
  private final String pciAddress;
  private final String internalIp;
  private final Fleet.Settings settings;
  private final Function<String, KubernetesClient> clusters;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private DmsSimulator dms;

  private final AtomicLong generation = new AtomicLong();
  private final AtomicInteger joinAttempts = new AtomicInteger();
  private final AtomicInteger joins = new AtomicInteger();
  private final AtomicInteger joinRejections = new AtomicInteger();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private volatile boolean joined;
  private volatile String lastJoinError;
  private volatile String bootedCfg;
  private volatile boolean closed;

  SimulatedDpu(String name, SimulatedHost host, String pciAddress, String internalIp, Fleet.Settings settings,
      Function<String, KubernetesClient> clusters, ScheduledExecutorService scheduler, Clock clock) {
    this.name = name;
    this.host = host;
    this.pciAddress = pciAddress;
    this.internalIp = internalIp;
    this.settings = settings;
    this.clusters = clusters;
    this.scheduler = scheduler;
    this.clock = clock;
    host.onReboot(why -> hostRebooted());
  }

  void attach(DmsSimulator simulator) {
    this.dms = simulator;
  }

  /** The DPU object name (also its hostname in the bf.cfg and its Node name). */
  public String name() {
    return name;
  }

  public DmsSimulator dms() {
    return dms;
  }

  public SimulatedHost host() {
    return host;
  }

  /** PCI address in {@code 4b:00} form (what {@code bf-slr.sh} expects). */
  public String pciAddress() {
    return pciAddress;
  }

  /** The InternalIP its Node reports. */
  public String internalIp() {
    return internalIp;
  }

  /** Whether the DPU has joined its cluster since it was last flashed. */
  public boolean joined() {
    return joined;
  }

  public int joinAttempts() {
    return joinAttempts.get();
  }

  public int joins() {
    return joins.get();
  }

  public int joinRejections() {
    return joinRejections.get();
  }

  /** Why the last join attempt was rejected, if it was. */
  public Optional<String> lastJoinError() {
    return Optional.ofNullable(lastJoinError);
  }

  /** What the DPU did (boots, joins, rejections), oldest first, one line each. */
  public List<String> log() {
    return new ArrayList<>(log);
  }

  /** The DMS boot hook: the DPU came up with {@code event.version()}. */
  void booted(DmsSimulator.BootEvent event) {
    long current = generation.incrementAndGet();
    if (event.newImage()) {
      joined = false;
      lastJoinError = null;
    }
    record("booted " + event.version());
    if (joined) {
      record("already joined: kubeadm join skipped");
      return;
    }
    if (event.cfgText().isEmpty()) {
      record("no bf.cfg activated: nothing joins a cluster");
      bootedCfg = null;
      return;
    }
    bootedCfg = event.cfgText().get();
    schedule(current, bootedCfg, settings.cloudInitDelay());
  }

  private void hostRebooted() {
    // the DPU shares the host's power; a half-done join starts over after the reboot
    long current = generation.incrementAndGet();
    String cfg = bootedCfg;
    if (!joined && cfg != null && !closed) {
      record("host rebooted: cloud-init runs again");
      schedule(current, cfg, settings.cloudInitDelay());
    }
  }

  private void schedule(long current, String cfg, Duration delay) {
    try {
      scheduler.schedule(() -> attemptJoin(current, cfg), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the fleet is closing
    }
  }

  private void attemptJoin(long current, String cfg) {
    if (current != generation.get() || closed) {
      return;
    }
    int attempt = joinAttempts.incrementAndGet();
    try {
      KubeadmJoin.Spec spec = KubeadmJoin.parse(cfg);
      if (!spec.hostname().equals(name)) {
        record("warning: bf.cfg hostname " + spec.hostname() + " differs from the DPU name");
      }
      KubernetesClient cluster = clusters.apply(spec.endpoint());
      if (cluster == null) {
        throw new KubeadmJoin.Rejected("no DPU cluster API server at " + spec.endpoint());
      }
      KubeadmJoin.join(cluster, spec, internalIp, clock);
      joined = true;
      lastJoinError = null;
      joins.incrementAndGet();
      record("kubeadm join " + spec.endpoint() + ": registered Node " + spec.hostname());
    } catch (KubeadmJoin.Rejected | RuntimeException e) {
      joinRejections.incrementAndGet();
      lastJoinError = e.getMessage();
      record("kubeadm join rejected: " + e.getMessage());
      int max = settings.maxJoinAttempts();
      if (max == 0 || attempt < max) {
        schedule(current, cfg, settings.joinRetryInterval());
      }
    }
  }

  private void record(String line) {
    log.add(Instant.now(clock) + " " + line);
    LOG.atInfo().addKeyValue("dpu", name).log(line);
  }

  void close() {
    closed = true;
    if (dms != null) {
      dms.close();
    }
  }

  @Override
  public String toString() {
    return "SimulatedDpu[" + name + " on " + host.name() + "]";
  }
}
