package dev.dpf.dms;

import com.google.protobuf.ByteString;
import dev.dpf.dms.proto.gnmi.SetRequest;
import dev.dpf.dms.proto.gnmi.TypedValue;
import dev.dpf.dms.proto.gnmi.Update;
import dev.dpf.dms.proto.gnmi.gNMIGrpc;
import dev.dpf.dms.proto.gnoi.os.ActivateRequest;
import dev.dpf.dms.proto.gnoi.os.ActivateResponse;
import dev.dpf.dms.proto.gnoi.os.OSGrpc;
import dev.dpf.dms.proto.gnoi.os.VerifyRequest;
import dev.dpf.dms.proto.gnoi.system.RebootStatus;
import dev.dpf.dms.proto.gnoi.system.RebootStatusRequest;
import dev.dpf.dms.proto.gnoi.system.RebootStatusResponse;
import dev.dpf.dms.proto.gnoi.system.SystemGrpc;
import dev.dpf.dms.proto.gnoi.system.TimeRequest;
import dev.dpf.dms.proto.gnoi.types.Path;
import dev.dpf.dms.proto.gnoi.types.PathElem;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of one DPU's DOCA Management Service (gNOI {@code OS}/{@code System}, gNMI), doing what the DPF v24.10
 * provisioning controller does to flash a DPU (docs/controllers/dms-and-simulator.md):
 *
 * <ol>
 *   <li>{@link #setDpuMode()}: gNMI Set {@code nvidia/mode/config/mode} = {@code "DPU"};</li>
 *   <li>{@link #installFile} the BFB (streamed from disk in 64 KiB chunks, never held in memory) and
 *       {@link #installBytes} the bf.cfg (version {@code <dpu>.cfg});</li>
 *   <li>{@link #activateAndAwaitReboot} {@code "<bfb>;<dpu>.cfg"}: Activate (up to 10 attempts) and RebootStatus
 *       polling under one shared deadline (30 min).</li>
 * </ol>
 *
 * <p>Every method blocks the calling thread (run it in a background task, never on a reconcile thread), honours
 * thread interruption (the call is cancelled, {@link DmsException.Reason#CANCELLED}) and fails with a
 * {@link DmsException} whose message is fit for a condition. One instance holds one HTTP/2 connection; it is
 * thread-safe, but DMS allows only one Install at a time per target. Close it when the task ends.
 */
public final class DmsClient implements AutoCloseable {

  /** Size of one {@code transfer_content} chunk (as DPF's client). */
  public static final int CHUNK_SIZE = 64 * 1024;
  /** The DPU-mode value DPF sets. */
  public static final String DPU_MODE = "DPU";
  /** DPF's limit on the size of a generated bf.cfg (the controller checks it before installing). */
  public static final int MAX_BF_CFG_BYTES = 131072;
  /** gNMI path elements of the DPU mode. */
  public static final List<String> MODE_PATH = List.of("nvidia", "mode", "config", "mode");

  private static final Logger LOG = LoggerFactory.getLogger(DmsClient.class);
  private static final Path CPU = Path.newBuilder().addElem(PathElem.newBuilder().setName("CPU")).build();

  private final DmsAddress address;
  private final DmsTimeouts timeouts;
  private final ManagedChannel channel;

  DmsClient(DmsAddress address, DmsTimeouts timeouts, ManagedChannel channel) {
    this.address = address;
    this.timeouts = timeouts;
    this.channel = channel;
  }

  /**
   * A client for DMS at {@code address} over mutual TLS. Nothing is sent until the first call, so connection and
   * handshake errors surface there.
   *
   * @throws DmsException with reason TLS_MATERIAL if the TLS context cannot be built
   */
  public static DmsClient connect(DmsAddress address, DmsTls tls, DmsTimeouts timeouts) {
    ManagedChannel channel = NettyChannelBuilder.forAddress(address.host(), address.port())
        .sslContext(tls.clientContext())
        .userAgent("dpf-java-dms-client")
        .build();
    return new DmsClient(address, timeouts, channel);
  }

  /**
   * A client over plaintext HTTP/2, as the newest DPF host agent talks to a DMS bound to loopback with TLS disabled.
   * Not for use across a network.
   */
  public static DmsClient connectPlaintext(DmsAddress address, DmsTimeouts timeouts) {
    ManagedChannel channel = NettyChannelBuilder.forAddress(address.host(), address.port())
        .usePlaintext()
        .userAgent("dpf-java-dms-client")
        .build();
    return new DmsClient(address, timeouts, channel);
  }

  public DmsAddress address() {
    return address;
  }

  public DmsTimeouts timeouts() {
    return timeouts;
  }

  /** gNMI Set (update) of {@code nvidia/mode/config/mode} to {@code "DPU"}, deadline {@code call}. */
  public void setDpuMode() {
    dev.dpf.dms.proto.gnmi.Path.Builder path = dev.dpf.dms.proto.gnmi.Path.newBuilder();
    MODE_PATH.forEach(e -> path.addElem(dev.dpf.dms.proto.gnmi.PathElem.newBuilder().setName(e)));
    SetRequest request = SetRequest.newBuilder()
        .addUpdate(Update.newBuilder().setPath(path).setVal(TypedValue.newBuilder().setStringVal(DPU_MODE)))
        .build();
    String operation = "gNMI Set of nvidia/mode/config/mode=" + DPU_MODE;
    try {
      gNMIGrpc.newBlockingStub(channel).withDeadlineAfter(timeouts.call().toMillis(), TimeUnit.MILLISECONDS)
          .set(request);
    } catch (StatusRuntimeException e) {
      throw failure(operation, e, timeouts.call());
    }
    LOG.atDebug().addKeyValue("dms", address).log("DPU mode set");
  }

  /**
   * OS.Install of a file, streamed from disk in {@value #CHUNK_SIZE}-byte chunks with flow control (the file is
   * never read into memory as a whole).
   *
   * @param version the package name DMS stores it under (DPF: the BFB file name)
   * @param progress called on every {@code transfer_progress} of the server (may be null)
   */
  public InstallResult installFile(String version, java.nio.file.Path file, Consumer<InstallProgress> progress) {
    long size;
    InputStream in;
    try {
      size = Files.size(file);
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new DmsException(DmsException.Reason.LOCAL_IO, "cannot install " + file + ": file not found");
    } catch (IOException e) {
      throw new DmsException(DmsException.Reason.LOCAL_IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
    try (in) {
      return new InstallCall(this, version, in, size, progress).run();
    } catch (IOException e) {
      throw new DmsException(DmsException.Reason.LOCAL_IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * OS.Install of in-memory content (the bf.cfg; DMS recognises it by the {@code .cfg} suffix of the version).
   *
   * @param progress called on every {@code transfer_progress} of the server (may be null)
   */
  public InstallResult installBytes(String version, byte[] content, Consumer<InstallProgress> progress) {
    try {
      return new InstallCall(this, version, new ByteArrayInputStream(content), content.length, progress).run();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * OS.Activate then RebootStatus polling until DMS reports the end, under one deadline of {@code activation}
   * (DPF: 30 min) starting now.
   *
   * @param version {@code "<bfb version>;<cfg version>"}
   * @return the final state (outcome SUCCESS)
   * @throws DmsException REBOOT_FAILED with upstream's texts ({@code retriable failure: <reason>},
   *     {@code reboot failure: <reason>}, {@code unknown reboot status: ...}), TIMEOUT, or a call failure
   */
  public RebootState activateAndAwaitReboot(String version) {
    Instant deadline = Instant.now().plus(timeouts.activation());
    activate(version, deadline);
    return awaitReboot(deadline);
  }

  /**
   * OS.Activate with {@code no_reboot = false}, retried on gRPC errors ({@code activateAttempts} attempts,
   * {@code activateRetryDelay} apart), each attempt with deadline min(call, time left). An {@code activate_error}
   * answer fails at once (stricter than DPF, which does not look at the answer).
   */
  public void activate(String version, Instant deadline) {
    ActivateRequest request = ActivateRequest.newBuilder().setVersion(version).build();
    String operation = "OS.Activate of \"" + version + "\"";
    DmsException last = null;
    for (int attempt = 1; attempt <= timeouts.activateAttempts(); attempt++) {
      Duration left = until(deadline);
      if (left.isZero()) {
        break;
      }
      Duration callDeadline = min(timeouts.call(), left);
      try {
        ActivateResponse response = OSGrpc.newBlockingStub(channel)
            .withDeadlineAfter(callDeadline.toMillis(), TimeUnit.MILLISECONDS).activate(request);
        if (response.hasActivateError()) {
          throw new DmsException(DmsException.Reason.ACTIVATE_ERROR, operation + " on DMS " + address
              + " failed: activation error \"" + response.getActivateError().getType() + "\": "
              + GrpcErrors.truncate(response.getActivateError().getDetail()));
        }
        LOG.atInfo().addKeyValue("dms", address).addKeyValue("version", version).addKeyValue("attempt", attempt)
            .log("activation accepted");
        return;
      } catch (StatusRuntimeException e) {
        last = failure(operation, e, callDeadline);
        if (last.reason() == DmsException.Reason.CANCELLED) {
          throw last;
        }
        LOG.atWarn().addKeyValue("dms", address).addKeyValue("attempt", attempt).addKeyValue("error",
            last.getMessage()).log("activation attempt failed");
        if (attempt < timeouts.activateAttempts()) {
          sleep(min(timeouts.activateRetryDelay(), until(deadline)), operation);
        }
      }
    }
    if (last == null) {
      throw new DmsException(DmsException.Reason.TIMEOUT, operation + " on DMS " + address
          + " failed: deadline of " + GrpcErrors.human(timeouts.activation()) + " exceeded");
    }
    throw new DmsException(last.reason(), last.getMessage() + " (gave up after " + timeouts.activateAttempts()
        + " attempts)", last);
  }

  /**
   * Polls System.RebootStatus (subcomponent {@code CPU}) every {@code pollInterval} until it is no longer active;
   * the first poll comes one interval from now. Up to 3 consecutive transport failures (unreachable, timeout) are
   * tolerated (DPF fails on the first one); any other error fails at once.
   *
   * @return the final state (outcome SUCCESS)
   */
  public RebootState awaitReboot(Instant deadline) {
    int transientFailures = 0;
    String operation = "waiting for the DPU installation (System.RebootStatus)";
    while (true) {
      sleep(min(timeouts.pollInterval(), until(deadline)), operation);
      Duration left = until(deadline);
      if (left.isZero()) {
        throw new DmsException(DmsException.Reason.TIMEOUT, operation + " on DMS " + address
            + " failed: not finished within " + GrpcErrors.human(timeouts.activation()) + " (deadline exceeded)");
      }
      RebootState state;
      try {
        state = rebootStatus(min(timeouts.status(), left));
        transientFailures = 0;
      } catch (DmsException e) {
        boolean transientFailure = e.reason() == DmsException.Reason.UNREACHABLE
            || e.reason() == DmsException.Reason.TIMEOUT;
        if (transientFailure && ++transientFailures < 3) {
          LOG.atWarn().addKeyValue("dms", address).addKeyValue("error", e.getMessage()).log("RebootStatus failed");
          continue;
        }
        throw e;
      }
      if (state.active()) {
        continue;
      }
      String prefix = "System.RebootStatus on DMS " + address + ": ";
      switch (state.outcome()) {
        case SUCCESS:
          return state;
        case RETRIABLE_FAILURE:
          throw new DmsException(DmsException.Reason.REBOOT_FAILED, prefix + "retriable failure: " + state.reason());
        case FAILURE:
          throw new DmsException(DmsException.Reason.REBOOT_FAILED, prefix + "reboot failure: " + state.reason());
        default:
          throw new DmsException(DmsException.Reason.REBOOT_FAILED, prefix + "unknown reboot status: STATUS_UNKNOWN"
              + (state.reason().isEmpty() ? "" : " (" + state.reason() + ")"));
      }
    }
  }

  /** One System.RebootStatus call for the {@code CPU} subcomponent, deadline {@code status}. */
  public RebootState rebootStatus() {
    return rebootStatus(timeouts.status());
  }

  private RebootState rebootStatus(Duration deadline) {
    RebootStatusResponse response;
    try {
      response = SystemGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .rebootStatus(RebootStatusRequest.newBuilder().addSubcomponents(CPU).build());
    } catch (StatusRuntimeException e) {
      throw failure("System.RebootStatus", e, deadline);
    }
    String reason = GrpcErrors.truncate(response.getReason());
    String message = GrpcErrors.truncate(response.getStatus().getMessage());
    if (response.getActive()) {
      return new RebootState(true, RebootState.Outcome.IN_PROGRESS, reason, message);
    }
    RebootStatus.Status status = response.hasStatus() ? response.getStatus().getStatus()
        : RebootStatus.Status.STATUS_UNKNOWN;
    RebootState.Outcome outcome = switch (status) {
      case STATUS_SUCCESS -> RebootState.Outcome.SUCCESS;
      case STATUS_RETRIABLE_FAILURE -> RebootState.Outcome.RETRIABLE_FAILURE;
      case STATUS_FAILURE -> RebootState.Outcome.FAILURE;
      default -> RebootState.Outcome.UNKNOWN;
    };
    return new RebootState(false, outcome, reason, message);
  }

  /** OS.Verify: the version DMS reports as running. */
  public String runningVersion() {
    try {
      return OSGrpc.newBlockingStub(channel).withDeadlineAfter(timeouts.status().toMillis(), TimeUnit.MILLISECONDS)
          .verify(VerifyRequest.getDefaultInstance()).getVersion();
    } catch (StatusRuntimeException e) {
      throw failure("OS.Verify", e, timeouts.status());
    }
  }

  /** System.Time: the DPU's clock; a cheap liveness probe over the same connection. */
  public Instant time() {
    try {
      long nanos = SystemGrpc.newBlockingStub(channel)
          .withDeadlineAfter(timeouts.status().toMillis(), TimeUnit.MILLISECONDS)
          .time(TimeRequest.getDefaultInstance()).getTime();
      return Instant.ofEpochSecond(0, nanos);
    } catch (StatusRuntimeException e) {
      throw failure("System.Time", e, timeouts.status());
    }
  }

  /** A call failure as a {@link DmsException}; after {@link #close()} it is CANCELLED, whatever gRPC says. */
  DmsException failure(String operation, Throwable error, Duration deadline) {
    if (channel.isShutdown()) {
      return new DmsException(DmsException.Reason.CANCELLED, operation + " on DMS " + address
          + " failed: the client was closed", error);
    }
    return GrpcErrors.map(operation, address, error, deadline);
  }

  ManagedChannel channel() {
    return channel;
  }

  /** Closes the connection, cancelling calls in flight. */
  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ByteString chunk(byte[] buffer, int length) {
    return ByteString.copyFrom(buffer, 0, length);
  }

  private void sleep(Duration duration, String operation) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DmsException(DmsException.Reason.CANCELLED, operation + " on DMS " + address + " was interrupted");
    }
  }

  static Duration until(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
