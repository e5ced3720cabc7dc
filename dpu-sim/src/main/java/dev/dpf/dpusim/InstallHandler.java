package dev.dpf.dpusim;

import dev.dpf.dms.proto.gnoi.os.InstallError;
import dev.dpf.dms.proto.gnoi.os.InstallRequest;
import dev.dpf.dms.proto.gnoi.os.InstallResponse;
import dev.dpf.dms.proto.gnoi.os.TransferProgress;
import dev.dpf.dms.proto.gnoi.os.TransferReady;
import dev.dpf.dms.proto.gnoi.os.Validated;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server side of one OS.Install (dms-gnoi.md 3.3): the first message must be a TransferRequest; one Install at a
 * time ({@code INSTALL_IN_PROGRESS}); a present version is {@code validated} at once; otherwise
 * {@code transfer_ready}, content with {@code transfer_progress} every N bytes, and on {@code transfer_end} the
 * package is stored under the version and {@code validated{version}} echoes it. Errors are {@code install_error}
 * followed by status OK. The call is ended by the server, without waiting for the client's half-close.
 */
final class InstallHandler implements StreamObserver<InstallRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(InstallHandler.class);
  /** DMS stores packages as files named by version. */
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_+\\-][A-Za-z0-9._+\\-]{0,254}");

  private enum State { EXPECT_REQUEST, RECEIVING, DONE }

  private final DmsSimulator sim;
  private final StreamObserver<InstallResponse> responses;
  private State state = State.EXPECT_REQUEST;
  private String version;
  private ImageStore.Upload upload;
  private boolean ownsLock;
  private long lastProgress;

  InstallHandler(DmsSimulator sim, StreamObserver<InstallResponse> responses) {
    this.sim = sim;
    this.responses = responses;
    // answers scheduled after a client cancelled are dropped instead of throwing
    ((ServerCallStreamObserver<InstallResponse>) responses).setOnCancelHandler(this::release);
  }

  @Override
  public void onNext(InstallRequest request) {
    try {
      switch (state) {
        case EXPECT_REQUEST -> onTransferRequest(request);
        case RECEIVING -> onTransfer(request);
        case DONE -> { }
      }
    } catch (IOException e) {
      fail(InstallError.Type.UNSPECIFIED, "cannot store the package: " + e.getMessage());
    }
  }

  private void onTransferRequest(InstallRequest request) throws IOException {
    if (!request.hasTransferRequest()) {
      fail(InstallError.Type.UNSPECIFIED, "the first message must be a TransferRequest");
      return;
    }
    version = request.getTransferRequest().getVersion();
    sim.installCalls.incrementAndGet();
    if (!VERSION.matcher(version).matches()) {
      fail(InstallError.Type.UNSPECIFIED, version.isEmpty()
          ? "an empty version (forced transfer) is not supported by the simulator"
          : "invalid version \"" + version + "\": must be a plain file name");
      return;
    }
    if (!sim.installing.compareAndSet(false, true)) {
      fail(InstallError.Type.INSTALL_IN_PROGRESS, "another Install is in progress on this target");
      return;
    }
    ownsLock = true;
    if (sim.store.present(version)) {
      sim.shortCircuits.incrementAndGet();
      finish(InstallResponse.newBuilder().setValidated(Validated.newBuilder().setVersion(version)
          .setDescription("already present")).build());
      return;
    }
    upload = sim.store.begin(version);
    state = State.RECEIVING;
    send(InstallResponse.newBuilder().setTransferReady(TransferReady.getDefaultInstance()).build());
  }

  private void onTransfer(InstallRequest request) throws IOException {
    switch (request.getRequestCase()) {
      case TRANSFER_CONTENT -> {
        if (!upload.write(request.getTransferContent())) {
          fail(InstallError.Type.TOO_LARGE, "a bf.cfg larger than " + ImageStore.MAX_CFG_BYTES + " bytes");
          return;
        }
        sim.bytesReceived.addAndGet(request.getTransferContent().size());
        if (upload.size() - lastProgress >= sim.progressEveryBytes()) {
          lastProgress = upload.size();
          send(InstallResponse.newBuilder()
              .setTransferProgress(TransferProgress.newBuilder().setBytesReceived(upload.size())).build());
        }
      }
      case TRANSFER_END -> {
        InstallError fault = sim.installFault();
        if (fault != null) {
          fail(fault.getType(), fault.getDetail());
          return;
        }
        StoredImage image = upload.commit();
        upload = null;
        sim.installs.incrementAndGet();
        LOG.atInfo().addKeyValue("dpu", sim.name()).addKeyValue("version", version).addKeyValue("bytes",
            image.size()).addKeyValue("sha256", image.sha256()).log("package installed");
        finish(InstallResponse.newBuilder().setValidated(Validated.newBuilder().setVersion(version)).build());
      }
      default -> fail(InstallError.Type.UNSPECIFIED, "unexpected TransferRequest during the transfer");
    }
  }

  @Override
  public void onError(Throwable t) {
    // the client cancelled or the connection broke
    release();
  }

  @Override
  public void onCompleted() {
    switch (state) {
      case EXPECT_REQUEST -> fail(InstallError.Type.UNSPECIFIED, "the stream ended without a TransferRequest");
      case RECEIVING -> fail(InstallError.Type.UNSPECIFIED, "the stream ended before TransferEnd");
      case DONE -> { }
    }
  }

  private void fail(InstallError.Type type, String detail) {
    sim.installErrors.incrementAndGet();
    LOG.atInfo().addKeyValue("dpu", sim.name()).addKeyValue("version", version).addKeyValue("type", type)
        .addKeyValue("detail", detail).log("install error");
    finish(InstallResponse.newBuilder().setInstallError(InstallError.newBuilder().setType(type).setDetail(detail))
        .build());
  }

  /** Sends the last message and ends the call with status OK (after the latency). */
  private void finish(InstallResponse last) {
    state = State.DONE;
    release();
    sim.respond(() -> {
      synchronized (responses) {
        responses.onNext(last);
        responses.onCompleted();
      }
    });
  }

  private void send(InstallResponse response) {
    Runnable sendIt = () -> {
      synchronized (responses) {
        responses.onNext(response);
      }
    };
    if (response.hasTransferProgress()) {
      sendIt.run();
    } else {
      sim.respond(sendIt);
    }
  }

  private void release() {
    if (upload != null) {
      upload.abort();
      upload = null;
    }
    if (ownsLock) {
      ownsLock = false;
      sim.installing.set(false);
    }
  }
}
