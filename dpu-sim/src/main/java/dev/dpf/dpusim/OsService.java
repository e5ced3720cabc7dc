package dev.dpf.dpusim;

import dev.dpf.dms.proto.gnoi.os.ActivateError;
import dev.dpf.dms.proto.gnoi.os.ActivateOK;
import dev.dpf.dms.proto.gnoi.os.ActivateRequest;
import dev.dpf.dms.proto.gnoi.os.ActivateResponse;
import dev.dpf.dms.proto.gnoi.os.InstallRequest;
import dev.dpf.dms.proto.gnoi.os.InstallResponse;
import dev.dpf.dms.proto.gnoi.os.OSGrpc;
import dev.dpf.dms.proto.gnoi.os.VerifyRequest;
import dev.dpf.dms.proto.gnoi.os.VerifyResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/** gNOI OS of the simulator: Install (see {@link InstallHandler}), Activate, Verify. */
final class OsService extends OSGrpc.OSImplBase {

  private final DmsSimulator sim;

  OsService(DmsSimulator sim) {
    this.sim = sim;
  }

  @Override
  public StreamObserver<InstallRequest> install(StreamObserver<InstallResponse> responses) {
    if (sim.hangs(DmsSimulator.Op.INSTALL, responses)) {
      return new StreamObserver<>() {
        @Override
        public void onNext(InstallRequest value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
      };
    }
    return new InstallHandler(sim, responses);
  }

  /**
   * {@code "<bfb>;<cfg>"} (or a single version): every part must have been installed; then {@code activate_ok} at
   * once and the DPU reboots for the configured reboot time.
   */
  @Override
  public void activate(ActivateRequest request, StreamObserver<ActivateResponse> responses) {
    if (sim.hangs(DmsSimulator.Op.ACTIVATE, responses)) {
      return;
    }
    Status failure = sim.activateGrpcFailure();
    if (failure != null) {
      sim.respond(() -> responses.onError(failure.withDescription(failure.getDescription() != null
          ? failure.getDescription() : "activation failed (injected)").asRuntimeException()));
      return;
    }
    ActivateError fault = sim.activateFault();
    if (fault != null) {
      reply(responses, ActivateResponse.newBuilder().setActivateError(fault).build());
      return;
    }
    String version = request.getVersion();
    List<String> missing = new ArrayList<>();
    if (version.isEmpty()) {
      missing.add("(empty)");
    }
    for (String part : version.split(";", -1)) {
      if (!part.isEmpty() && !sim.store.available(part) || part.isEmpty() && !version.isEmpty()) {
        missing.add(part.isEmpty() ? "(empty)" : part);
      }
    }
    if (!missing.isEmpty()) {
      reply(responses, ActivateResponse.newBuilder().setActivateError(ActivateError.newBuilder()
          .setType(ActivateError.Type.NON_EXISTENT_VERSION)
          .setDetail("version not installed: " + String.join(", ", missing))).build());
      return;
    }
    String busy = sim.startReboot(version, true);
    if (busy != null) {
      reply(responses, ActivateResponse.newBuilder().setActivateError(ActivateError.newBuilder()
          .setType(ActivateError.Type.UNSPECIFIED).setDetail(busy)).build());
      return;
    }
    reply(responses, ActivateResponse.newBuilder().setActivateOk(ActivateOK.getDefaultInstance()).build());
  }

  @Override
  public void verify(VerifyRequest request, StreamObserver<VerifyResponse> responses) {
    if (sim.hangs(DmsSimulator.Op.VERIFY, responses)) {
      return;
    }
    reply(responses, VerifyResponse.newBuilder().setVersion(sim.runningVersion()).build());
  }

  private <T> void reply(StreamObserver<T> responses, T response) {
    sim.respond(() -> {
      responses.onNext(response);
      responses.onCompleted();
    });
  }
}
