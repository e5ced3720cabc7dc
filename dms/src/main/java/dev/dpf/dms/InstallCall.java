package dev.dpf.dms;

import dev.dpf.dms.proto.gnoi.os.InstallRequest;
import dev.dpf.dms.proto.gnoi.os.InstallResponse;
import dev.dpf.dms.proto.gnoi.os.OSGrpc;
import dev.dpf.dms.proto.gnoi.os.TransferEnd;
import dev.dpf.dms.proto.gnoi.os.TransferRequest;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OS.Install (gNOI bidi stream), client side, as gnoigo does it: {@code transfer_request}; {@code validated}
 * ends it at once (DMS already has the version); {@code transfer_ready} starts the transfer of chunks under HTTP/2
 * flow control, then {@code transfer_end}; {@code validated.version} must equal the requested version. Server
 * messages are consumed concurrently, so {@code transfer_progress} and {@code install_error} are seen at any time.
 */
final class InstallCall implements ClientResponseObserver<InstallRequest, InstallResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(InstallCall.class);

  private final DmsClient client;
  private final String version;
  private final InputStream content;
  private final long size;
  private final Consumer<InstallProgress> progress;
  private final String operation;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<InstallResponse> responses = new ArrayDeque<>();
  private ClientCallStreamObserver<InstallRequest> requests;
  private Throwable failure;
  private boolean finished;
  private long sent;

  InstallCall(DmsClient client, String version, InputStream content, long size, Consumer<InstallProgress> progress) {
    if (version == null || version.isEmpty()) {
      throw new IllegalArgumentException("install version must not be empty");
    }
    this.client = client;
    this.version = version;
    this.content = content;
    this.size = size;
    this.progress = progress;
    this.operation = "OS.Install of \"" + version + "\"";
  }

  // --- gRPC callbacks (transport threads)

  @Override
  public void beforeStart(ClientCallStreamObserver<InstallRequest> requestStream) {
    this.requests = requestStream;
    requestStream.setOnReadyHandler(this::signal);
  }

  @Override
  public void onNext(InstallResponse response) {
    lock.lock();
    try {
      responses.add(response);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onError(Throwable t) {
    lock.lock();
    try {
      failure = t;
      finished = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onCompleted() {
    lock.lock();
    try {
      finished = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // --- the caller's thread

  InstallResult run() throws IOException {
    long started = System.nanoTime();
    DmsTimeouts timeouts = client.timeouts();
    OSGrpc.newStub(client.channel())
        .withDeadlineAfter(timeouts.install().toMillis(), TimeUnit.MILLISECONDS)
        .install(this);
    boolean done = false;
    try {
      requests.onNext(InstallRequest.newBuilder()
          .setTransferRequest(TransferRequest.newBuilder().setVersion(version)).build());
      // wait for the go-ahead
      while (true) {
        InstallResponse response = next(timeouts.call(), "answer to the transfer request");
        switch (response.getResponseCase()) {
          case VALIDATED -> {
            done = true;
            halfCloseAndRelease(timeouts.call());
            LOG.atInfo().addKeyValue("dms", client.address()).addKeyValue("version", version)
                .log("DMS already has this version: validated without transfer");
            return new InstallResult(response.getValidated().getVersion(), false, 0, elapsed(started));
          }
          case TRANSFER_READY -> { }
          case TRANSFER_PROGRESS, SYNC_PROGRESS -> {
            handleProgress(response);
            continue;
          }
          case INSTALL_ERROR -> throw installError(response);
          default -> throw protocol("unexpected answer " + response.getResponseCase() + " to the transfer request");
        }
        break;
      }
      transfer(timeouts.call());
      requests.onNext(InstallRequest.newBuilder().setTransferEnd(TransferEnd.getDefaultInstance()).build());
      // wait for validation
      while (true) {
        InstallResponse response = next(timeouts.call(), "validation after " + sent + " bytes");
        switch (response.getResponseCase()) {
          case VALIDATED -> {
            String got = response.getValidated().getVersion();
            if (!version.equals(got)) {
              throw protocol("installed version \"" + GrpcErrors.truncate(got)
                  + "\" does not match requested version \"" + version + "\"");
            }
            done = true;
            halfCloseAndRelease(timeouts.call());
            Duration elapsed = elapsed(started);
            LOG.atInfo().addKeyValue("dms", client.address()).addKeyValue("version", version)
                .addKeyValue("bytes", sent).addKeyValue("ms", elapsed.toMillis()).log("installed");
            return new InstallResult(got, true, sent, elapsed);
          }
          case TRANSFER_PROGRESS, SYNC_PROGRESS, TRANSFER_READY -> handleProgress(response);
          case INSTALL_ERROR -> throw installError(response);
          default -> throw protocol("unexpected answer " + response.getResponseCase() + " after the transfer");
        }
      }
    } finally {
      if (!done) {
        cancel();
      }
    }
  }

  private void transfer(Duration stallLimit) throws IOException {
    byte[] buffer = new byte[DmsClient.CHUNK_SIZE];
    while (true) {
      int n = content.read(buffer, 0, buffer.length);
      if (n < 0) {
        return;
      }
      if (n == 0) {
        continue;
      }
      awaitReady(stallLimit);
      requests.onNext(InstallRequest.newBuilder().setTransferContent(DmsClient.chunk(buffer, n)).build());
      sent += n;
      drainDuringTransfer();
    }
  }

  /** Waits until the transport accepts more data; fails on a server error, stream end, or a stall. */
  private void awaitReady(Duration stallLimit) {
    long deadline = System.nanoTime() + stallLimit.toNanos();
    lock.lock();
    try {
      while (true) {
        drainDuringTransferLocked();
        if (requests.isReady()) {
          return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new DmsException(DmsException.Reason.TIMEOUT, prefix() + "DMS stopped accepting data after "
              + sent + " of " + size + " bytes (no progress for " + GrpcErrors.human(stallLimit) + ")");
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DmsException(DmsException.Reason.CANCELLED, prefix() + "interrupted");
    } finally {
      lock.unlock();
    }
  }

  private void drainDuringTransfer() {
    lock.lock();
    try {
      drainDuringTransferLocked();
    } finally {
      lock.unlock();
    }
  }

  private void drainDuringTransferLocked() {
    InstallResponse response;
    while ((response = responses.poll()) != null) {
      switch (response.getResponseCase()) {
        case TRANSFER_PROGRESS, SYNC_PROGRESS, TRANSFER_READY -> handleProgress(response);
        case INSTALL_ERROR -> throw installError(response);
        default -> throw protocol("unexpected " + response.getResponseCase() + " during the transfer");
      }
    }
    if (finished) {
      throw ended("during the transfer, after " + sent + " bytes");
    }
  }

  /** The next server message; fails on stream end, error, interruption, or nothing within {@code limit}. */
  private InstallResponse next(Duration limit, String waitingFor) {
    long deadline = System.nanoTime() + limit.toNanos();
    lock.lock();
    try {
      while (true) {
        InstallResponse response = responses.poll();
        if (response != null) {
          return response;
        }
        if (finished) {
          throw ended("while waiting for the " + waitingFor);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new DmsException(DmsException.Reason.TIMEOUT, prefix() + "no " + waitingFor + " within "
              + GrpcErrors.human(limit));
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DmsException(DmsException.Reason.CANCELLED, prefix() + "interrupted");
    } finally {
      lock.unlock();
    }
  }

  private DmsException ended(String when) {
    if (failure != null) {
      return client.failure(operation, failure, client.timeouts().install());
    }
    return protocol("DMS ended the call " + when);
  }

  private void handleProgress(InstallResponse response) {
    if (progress == null || !response.hasTransferProgress()) {
      return;
    }
    try {
      progress.accept(new InstallProgress(version, sent, response.getTransferProgress().getBytesReceived(), size));
    } catch (RuntimeException e) {
      LOG.atDebug().addKeyValue("error", e.toString()).log("install progress listener failed");
    }
  }

  private DmsException installError(InstallResponse response) {
    return new DmsException(DmsException.Reason.INSTALL_ERROR, prefix() + "installation error \""
        + response.getInstallError().getType() + "\": " + GrpcErrors.truncate(response.getInstallError().getDetail()));
  }

  private DmsException protocol(String message) {
    return new DmsException(DmsException.Reason.PROTOCOL, prefix() + message);
  }

  private String prefix() {
    return operation + " on DMS " + client.address() + " failed: ";
  }

  /** Half-closes (harmless for DMS) and gives the server a moment to end the call, then lets go of it. */
  private void halfCloseAndRelease(Duration limit) {
    try {
      requests.onCompleted();
    } catch (IllegalStateException e) {
      return;
    }
    long deadline = System.nanoTime() + Math.min(limit.toNanos(), TimeUnit.SECONDS.toNanos(5));
    lock.lock();
    try {
      while (!finished) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
    if (!finished) {
      requests.cancel("install finished", null);
    }
  }

  private void cancel() {
    boolean open;
    lock.lock();
    try {
      open = !finished;
    } finally {
      lock.unlock();
    }
    if (open) {
      requests.cancel("install aborted by the client", null);
    }
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
