package dev.dpf.dpusim;

import dev.dpf.dms.DmsAddress;
import dev.dpf.dms.Pem;
import dev.dpf.dms.proto.gnoi.os.ActivateError;
import dev.dpf.dms.proto.gnoi.os.InstallError;
import dev.dpf.dms.proto.gnoi.system.RebootStatus;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated DOCA Management Service for one DPU: a real gRPC server on 127.0.0.1 (its own port) with mTLS
 * ({@code dmsd -auth cert}: a client certificate signed by the CA is required), serving gNOI {@code OS}
 * (Install/Activate/Verify), {@code System} (Reboot/RebootStatus/Time) and gNMI (Get/Set) with the server rules of
 * dms-gnoi.md 3.3 and 4.4. Everything else answers UNIMPLEMENTED.
 *
 * <p>Knobs and faults can be switched at run time from any thread: reboot time, response latency, progress
 * interval; install error, Activate failures, reboot failure, gNMI Set failure, hangs (never answer) and
 * unreachability (the port is closed). {@link #stats()}, {@link #images()} and {@link #bfCfg(String)} show what it
 * received. After a successful Activate the DPU "reboots" for {@link #rebootTime(Duration)} and then boots the new
 * image: the {@code onBoot} hook (the fleet's cloud-init/kubeadm-join stand-in) gets the activated bf.cfg.
 */
public final class DmsSimulator implements AutoCloseable {

  /** Operations that can be made to hang. */
  public enum Op { SET, GET, INSTALL, ACTIVATE, VERIFY, REBOOT, REBOOT_STATUS, TIME }

  /** Server TLS material (PEM): the DMS server certificate and key, and the CA that signs accepted clients. */
  public record ServerTls(String certPem, String keyPem, String caPem) {
    public ServerTls {
      Objects.requireNonNull(certPem);
      Objects.requireNonNull(keyPem);
      Objects.requireNonNull(caPem);
    }
  }

  /** What the DPU booted after a reboot. */
  public record BootEvent(String dpu, String version, Optional<String> cfgVersion, Optional<String> cfgText,
      boolean newImage) {}

  /**
   * Counters.
   *
   * @param installCalls Install calls with a TransferRequest
   * @param installs transfers that ended with {@code validated}
   * @param installsValidatedWithoutTransfer Install calls answered {@code validated} at once
   * @param installErrors Install calls answered {@code install_error}
   * @param bytesReceived content bytes received over all Installs
   * @param activateCalls Activate calls
   * @param activations Activate calls accepted ({@code activate_ok})
   * @param reboots reboots finished (successful or not)
   * @param rebootStatusCalls RebootStatus calls
   * @param setCalls gNMI Set calls
   */
  public record Stats(long installCalls, long installs, long installsValidatedWithoutTransfer, long installErrors,
      long bytesReceived, long activateCalls, long activations, long reboots, long rebootStatusCalls,
      long setCalls) {}

  private static final Logger LOG = LoggerFactory.getLogger(DmsSimulator.class);

  private final String name;
  private final SslContext sslContext;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final Consumer<BootEvent> onBoot;
  final ImageStore store;
  private final Object lifecycle = new Object();
  private int port;
  private Server server;
  private volatile boolean closed;

  // knobs
  private volatile Duration rebootTime = Duration.ofSeconds(2);
  private volatile Duration latency = Duration.ZERO;
  private volatile long progressEveryBytes = 5L * 1024 * 1024;
  private volatile UnaryOperator<String> commandOutput = command -> "";

  // faults
  private volatile InstallError installFault;
  private final AtomicInteger activateFailures = new AtomicInteger();
  private volatile Status activateFailure = Status.UNAVAILABLE;
  private volatile ActivateError activateFault;
  private volatile RebootStatus rebootFault;
  private volatile Status setFault;
  private final Set<Op> hung = ConcurrentHashMap.newKeySet();
  private final Set<ServerCallStreamObserver<?>> hangingCalls = ConcurrentHashMap.newKeySet();

  // state
  final AtomicBoolean installing = new AtomicBoolean();
  final Map<String, String> config = new ConcurrentHashMap<>();
  private boolean rebooting;
  private Instant rebootStartedAt;
  private String pendingVersion;
  private boolean pendingNewImage;
  private RebootStatus.Status lastStatus = RebootStatus.Status.STATUS_SUCCESS;
  private String lastReason = "";
  private Instant lastRebootAt;
  private String runningVersion = "";

  // counters
  final AtomicLong installCalls = new AtomicLong();
  final AtomicLong installs = new AtomicLong();
  final AtomicLong shortCircuits = new AtomicLong();
  final AtomicLong installErrors = new AtomicLong();
  final AtomicLong bytesReceived = new AtomicLong();
  private final AtomicLong activateCalls = new AtomicLong();
  private final AtomicLong activations = new AtomicLong();
  private final AtomicLong reboots = new AtomicLong();
  private final AtomicLong rebootStatusCalls = new AtomicLong();
  private final AtomicLong setCalls = new AtomicLong();

  private DmsSimulator(Builder b) {
    this.name = b.name;
    this.clock = b.clock;
    this.onBoot = b.onBoot;
    this.store = new ImageStore(b.imageFolder, b.clock);
    this.ownScheduler = b.scheduler == null;
    this.scheduler = ownScheduler ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dms-sim-" + b.name);
      t.setDaemon(true);
      return t;
    }) : b.scheduler;
    this.sslContext = serverContext(b.tls);
  }

  /** A simulator for the DPU {@code name}. */
  public static Builder builder(String name, ServerTls tls) {
    return new Builder(name, tls);
  }

  /** Configuration of a {@link DmsSimulator}. */
  public static final class Builder {
    private final String name;
    private final ServerTls tls;
    private Path imageFolder;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private Consumer<BootEvent> onBoot = e -> { };
    private int port;

    private Builder(String name, ServerTls tls) {
      this.name = Objects.requireNonNull(name);
      this.tls = Objects.requireNonNull(tls);
    }

    /** Store received packages as files here, and treat files found here as present (as DMS on /bfb). */
    public Builder imageFolder(Path folder) {
      this.imageFolder = folder;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Timers (reboots, latency) run here; by default the simulator has its own thread. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** Called (on a scheduler thread) each time the DPU has booted after a successful reboot. */
    public Builder onBoot(Consumer<BootEvent> onBoot) {
      this.onBoot = onBoot;
      return this;
    }

    /** Listen on this port of 127.0.0.1 (default: any free port). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Starts the server. */
    public DmsSimulator start() {
      DmsSimulator simulator = new DmsSimulator(this);
      simulator.listen(port);
      return simulator;
    }
  }

  private static SslContext serverContext(ServerTls tls) {
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forServer(Pem.privateKey(tls.keyPem(), "server key"),
              Pem.certificates(tls.certPem(), "server certificate").toArray(X509Certificate[]::new)))
          .trustManager(Pem.certificates(tls.caPem(), "CA certificate").toArray(X509Certificate[]::new))
          .clientAuth(ClientAuth.REQUIRE)
          .build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("cannot build the DMS server TLS context: " + e.getMessage(), e);
    }
  }

  private void listen(int requestedPort) {
    synchronized (lifecycle) {
      startServer(requestedPort);
    }
  }

  private void startServer(int requestedPort) {
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", requestedPort))
          .sslContext(sslContext)
          .addService(new OsService(this))
          .addService(new SystemService(this))
          .addService(new GnmiService(this))
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + requestedPort, e);
    }
    port = server.getPort();
    LOG.atDebug().addKeyValue("dpu", name).addKeyValue("port", port).log("DMS simulator listening");
  }

  /** The DPU name. */
  public String name() {
    return name;
  }

  /** 127.0.0.1 and the port (stable across {@link #unreachable(boolean)}). */
  public DmsAddress address() {
    synchronized (lifecycle) {
      return new DmsAddress("127.0.0.1", port);
    }
  }

  // ---------------------------------------------------------------------------------------------------- knobs

  /** How long the DPU stays "rebooting" (RebootStatus active) after Activate. Default 2 s. */
  public DmsSimulator rebootTime(Duration value) {
    rebootTime = Objects.requireNonNull(value);
    return this;
  }

  /** Delay before every answer (unary responses, {@code transfer_ready}, {@code validated}). Default none. */
  public DmsSimulator latency(Duration value) {
    latency = Objects.requireNonNull(value);
    return this;
  }

  /** Send {@code transfer_progress} every this many received bytes. Default 5 MiB. */
  public DmsSimulator progressEveryBytes(long value) {
    if (value < 1) {
      throw new IllegalArgumentException("progress interval must be positive");
    }
    progressEveryBytes = value;
    return this;
  }

  /** Output of the gNMI "run a command" path ({@code nvidia/command[run=<cmd>]/run}). Default empty. */
  public DmsSimulator commandOutput(UnaryOperator<String> value) {
    commandOutput = Objects.requireNonNull(value);
    return this;
  }

  // ---------------------------------------------------------------------------------------------------- faults

  /** Every Install transfer ends with this {@code install_error} (after the data, at TransferEnd); null clears. */
  public DmsSimulator failInstall(InstallError.Type type, String detail) {
    installFault = type == null ? null : InstallError.newBuilder().setType(type).setDetail(detail).build();
    return this;
  }

  /** The next {@code times} Activate calls fail with gRPC {@code status}. */
  public DmsSimulator failActivate(int times, Status status) {
    activateFailure = Objects.requireNonNull(status);
    activateFailures.set(times);
    return this;
  }

  /** Every Activate answers this {@code activate_error}; null clears. */
  public DmsSimulator rejectActivate(ActivateError.Type type, String detail) {
    activateFault = type == null ? null : ActivateError.newBuilder().setType(type).setDetail(detail).build();
    return this;
  }

  /**
   * Reboots end with {@code status} (STATUS_FAILURE, STATUS_RETRIABLE_FAILURE or STATUS_UNKNOWN) and {@code reason}
   * instead of success; null clears.
   */
  public DmsSimulator failReboot(RebootStatus.Status status, String reason) {
    rebootFault = status == null ? null : RebootStatus.newBuilder().setStatus(status).setMessage(reason).build();
    return this;
  }

  /** gNMI Set calls fail with {@code status}; null clears. */
  public DmsSimulator failSet(Status status) {
    setFault = status;
    return this;
  }

  /** These operations are accepted but never answered (until the client gives up); none clears. */
  public DmsSimulator hang(Op... ops) {
    hung.clear();
    hung.addAll(Set.of(ops));
    return this;
  }

  /**
   * Closes the port (connections are refused) or opens it again on the same port. Calls in flight are cut.
   */
  public DmsSimulator unreachable(boolean value) {
    synchronized (lifecycle) {
      if (closed) {
        return this;
      }
      if (value && server != null) {
        stopServer();
        server = null;
        LOG.atInfo().addKeyValue("dpu", name).log("DMS simulator unreachable (port closed)");
      } else if (!value && server == null) {
        startServer(port);
      }
    }
    return this;
  }

  /** Clears every fault and hang and makes the server reachable. */
  public DmsSimulator clearFaults() {
    installFault = null;
    activateFailures.set(0);
    activateFault = null;
    rebootFault = null;
    setFault = null;
    hung.clear();
    return unreachable(false);
  }

  // ---------------------------------------------------------------------------------------------------- observations

  public Stats stats() {
    return new Stats(installCalls.get(), installs.get(), shortCircuits.get(), installErrors.get(),
        bytesReceived.get(), activateCalls.get(), activations.get(), reboots.get(), rebootStatusCalls.get(),
        setCalls.get());
  }

  /** Every package received, by version. */
  public Map<String, StoredImage> images() {
    return store.images();
  }

  /** The text of a received bf.cfg. */
  public Optional<String> bfCfg(String version) {
    return store.cfgText(version);
  }

  /** The DPU mode set through gNMI ({@code nvidia/mode/config/mode}), if any. */
  public Optional<String> mode() {
    return Optional.ofNullable(config.get(GnmiService.MODE_PATH));
  }

  /** The version last activated and booted successfully ("" before). */
  public synchronized String runningVersion() {
    return runningVersion;
  }

  /** Whether the DPU is rebooting after an Activate. */
  public synchronized boolean rebooting() {
    return rebooting;
  }

  // ---------------------------------------------------------------------------------------------------- internals

  boolean hangs(Op op, StreamObserver<?> responses) {
    if (!hung.contains(op)) {
      return false;
    }
    ServerCallStreamObserver<?> call = (ServerCallStreamObserver<?>) responses;
    hangingCalls.add(call);
    call.setOnCancelHandler(() -> hangingCalls.remove(call));
    LOG.atDebug().addKeyValue("dpu", name).addKeyValue("op", op).log("hanging");
    return true;
  }

  /** Runs {@code answer} after the configured latency. */
  void respond(Runnable answer) {
    Duration delay = latency;
    if (delay.isZero()) {
      answer.run();
      return;
    }
    try {
      scheduler.schedule(answer, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down: the call is cut with the server
    }
  }

  long progressEveryBytes() {
    return progressEveryBytes;
  }

  InstallError installFault() {
    return installFault;
  }

  Status setFault() {
    return setFault;
  }

  String commandOutput(String command) {
    return commandOutput.apply(command);
  }

  Clock clock() {
    return clock;
  }

  void countSet() {
    setCalls.incrementAndGet();
  }

  /** Activate: a gRPC error to answer, or null to go on. */
  Status activateGrpcFailure() {
    activateCalls.incrementAndGet();
    return activateFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? activateFailure : null;
  }

  ActivateError activateFault() {
    return activateFault;
  }

  /**
   * Starts the reboot that installs {@code version}; an error text (for {@code activate_error}) if it cannot.
   *
   * @param newImage true for Activate (new image), false for a plain System.Reboot
   */
  synchronized String startReboot(String version, boolean newImage) {
    if (rebooting) {
      return "an activation is already in progress";
    }
    try {
      scheduler.schedule(this::finishReboot, rebootTime.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return "the DMS is shutting down";
    }
    rebooting = true;
    rebootStartedAt = clock.instant();
    pendingVersion = version;
    pendingNewImage = newImage;
    if (newImage) {
      activations.incrementAndGet();
    }
    LOG.atInfo().addKeyValue("dpu", name).addKeyValue("version", version).log("DPU rebooting");
    return null;
  }

  private void finishReboot() {
    BootEvent event = null;
    synchronized (this) {
      if (!rebooting) {
        return;
      }
      rebooting = false;
      lastRebootAt = clock.instant();
      reboots.incrementAndGet();
      RebootStatus fault = rebootFault;
      if (fault != null) {
        lastStatus = fault.getStatus();
        lastReason = fault.getMessage();
        LOG.atWarn().addKeyValue("dpu", name).addKeyValue("reason", lastReason).log("DPU reboot failed (injected)");
      } else {
        lastStatus = RebootStatus.Status.STATUS_SUCCESS;
        lastReason = "";
        runningVersion = pendingVersion;
        Optional<String> cfgVersion = cfgVersionOf(pendingVersion);
        event = new BootEvent(name, pendingVersion, cfgVersion, cfgVersion.flatMap(store::cfgText), pendingNewImage);
      }
    }
    if (event != null && !closed) {
      LOG.atInfo().addKeyValue("dpu", name).addKeyValue("version", event.version()).log("DPU booted");
      try {
        onBoot.accept(event);
      } catch (RuntimeException e) {
        LOG.atWarn().addKeyValue("dpu", name).setCause(e).log("boot hook failed");
      }
    }
  }

  static Optional<String> cfgVersionOf(String version) {
    int semicolon = version.indexOf(';');
    return semicolon < 0 ? Optional.empty() : Optional.of(version.substring(semicolon + 1));
  }

  /** The RebootStatus answer. */
  synchronized dev.dpf.dms.proto.gnoi.system.RebootStatusResponse rebootStatus() {
    rebootStatusCalls.incrementAndGet();
    var response = dev.dpf.dms.proto.gnoi.system.RebootStatusResponse.newBuilder()
        .setCount((int) reboots.get())
        .setMethod(dev.dpf.dms.proto.gnoi.system.RebootMethod.COLD);
    if (rebooting) {
      return response.setActive(true).setWhen(nanos(rebootStartedAt))
          .setReason("installing " + pendingVersion).build();
    }
    if (lastRebootAt != null) {
      response.setWhen(nanos(lastRebootAt));
    }
    // status is always set when not active: DPF dereferences it without a check
    return response.setActive(false).setReason(lastReason)
        .setStatus(RebootStatus.newBuilder().setStatus(lastStatus).setMessage(lastReason)).build();
  }

  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private void stopServer() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    hangingCalls.clear();
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      if (server != null) {
        stopServer();
      }
    }
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "DmsSimulator[" + name + " at " + address() + "]";
  }
}
