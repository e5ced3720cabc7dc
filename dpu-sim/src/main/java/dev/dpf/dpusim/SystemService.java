package dev.dpf.dpusim;

import dev.dpf.dms.proto.gnoi.system.RebootMethod;
import dev.dpf.dms.proto.gnoi.system.RebootRequest;
import dev.dpf.dms.proto.gnoi.system.RebootResponse;
import dev.dpf.dms.proto.gnoi.system.RebootStatusRequest;
import dev.dpf.dms.proto.gnoi.system.RebootStatusResponse;
import dev.dpf.dms.proto.gnoi.system.SystemGrpc;
import dev.dpf.dms.proto.gnoi.system.TimeRequest;
import dev.dpf.dms.proto.gnoi.system.TimeResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * gNOI System of the simulator: RebootStatus (active during the simulated flash/reboot, then inactive with a status
 * that is always set), Reboot (COLD/WARM/POWERUP reboot the DPU into the running image), Time. CancelReboot is
 * UNIMPLEMENTED.
 */
final class SystemService extends SystemGrpc.SystemImplBase {

  private final DmsSimulator sim;

  SystemService(DmsSimulator sim) {
    this.sim = sim;
  }

  @Override
  public void rebootStatus(RebootStatusRequest request, StreamObserver<RebootStatusResponse> responses) {
    if (sim.hangs(DmsSimulator.Op.REBOOT_STATUS, responses)) {
      return;
    }
    RebootStatusResponse response = sim.rebootStatus();
    sim.respond(() -> {
      responses.onNext(response);
      responses.onCompleted();
    });
  }

  @Override
  public void reboot(RebootRequest request, StreamObserver<RebootResponse> responses) {
    if (sim.hangs(DmsSimulator.Op.REBOOT, responses)) {
      return;
    }
    RebootMethod method = request.getMethod();
    if (method != RebootMethod.COLD && method != RebootMethod.WARM && method != RebootMethod.POWERUP) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription("reboot method " + method + " is not supported")
          .asRuntimeException());
      return;
    }
    String busy = sim.startReboot(sim.runningVersion(), false);
    if (busy != null) {
      responses.onError(Status.FAILED_PRECONDITION.withDescription(busy).asRuntimeException());
      return;
    }
    sim.respond(() -> {
      responses.onNext(RebootResponse.getDefaultInstance());
      responses.onCompleted();
    });
  }

  @Override
  public void time(TimeRequest request, StreamObserver<TimeResponse> responses) {
    if (sim.hangs(DmsSimulator.Op.TIME, responses)) {
      return;
    }
    long now = DmsSimulator.nanos(sim.clock().instant());
    sim.respond(() -> {
      responses.onNext(TimeResponse.newBuilder().setTime(now).build());
      responses.onCompleted();
    });
  }
}
