package dev.dpf.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.dms.proto.gnoi.os.ActivateError;
import dev.dpf.dms.proto.gnoi.os.ActivateResponse;
import dev.dpf.dms.proto.gnoi.os.InstallError;
import dev.dpf.dms.proto.gnoi.os.InstallRequest;
import dev.dpf.dms.proto.gnoi.os.InstallResponse;
import dev.dpf.dms.proto.gnoi.os.TransferProgress;
import dev.dpf.dms.proto.gnoi.os.TransferReady;
import dev.dpf.dms.proto.gnoi.os.Validated;
import dev.dpf.dms.proto.gnoi.system.RebootStatus;
import dev.dpf.dms.proto.gnoi.system.RebootStatusResponse;
import dev.dpf.testing.Pki;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DmsClient} against a scripted server on loopback, over mTLS. */
class DmsClientTest {

  private static final DmsTimeouts FAST = DmsTimeouts.defaults().withCall(Duration.ofSeconds(5))
      .withPollInterval(Duration.ofMillis(20)).withActivateRetries(10, Duration.ZERO);

  @TempDir
  Path dir;
  private LoopbackDms dms;
  private DmsClient client;

  @BeforeEach
  void start() throws Exception {
    dms = new LoopbackDms();
    client = dms.client(FAST);
  }

  @AfterEach
  void stop() {
    client.close();
    dms.close();
  }

  @Test
  void setDpuModeSendsTheDpfRequest() {
    client.setDpuMode();

    assertThat(HexFormat.of().formatHex(dms.sets.get(0).toByteArray())).isEqualTo(
        "222d0a241a080a066e76696469611a060a046d6f64651a080a06636f6e6669671a060a046d6f64651a050a03445055");
  }

  @Test
  void installStreamsAFileInChunksAndReportsServerProgress() throws Exception {
    byte[] content = new byte[300 * 1024 + 17];
    new Random(1).nextBytes(content);
    Path file = Files.write(dir.resolve("x.bfb"), content);
    Receiver receiver = new Receiver(100 * 1024, v -> v);
    dms.install = receiver::start;
    List<InstallProgress> progress = new CopyOnWriteArrayList<>();

    InstallResult result = client.installFile("x.bfb", file, progress::add);

    assertThat(result.transferred()).isTrue();
    assertThat(result.bytes()).isEqualTo(content.length);
    assertThat(receiver.bytes.toByteArray()).isEqualTo(content);
    assertThat(receiver.chunkSizes).allMatch(n -> n <= DmsClient.CHUNK_SIZE).hasSize(5);
    assertThat(receiver.version).isEqualTo("x.bfb");
    assertThat(progress).isNotEmpty().allMatch(p -> p.totalBytes() == content.length);
    // the receiver reports at 128 KiB and 256 KiB (every >= 100 KiB, checked per 64 KiB chunk)
    assertThat(progress).extracting(InstallProgress::bytesReceived).containsExactly(131072L, 262144L);
  }

  @Test
  void validatedAtOnceMeansNoTransfer() {
    dms.install = responses -> new Ignoring() {
      @Override
      public void onNext(InstallRequest request) {
        responses.onNext(InstallResponse.newBuilder().setValidated(Validated.newBuilder().setVersion("x.bfb")).build());
        responses.onCompleted();
      }
    };

    InstallResult result = client.installBytes("x.bfb", new byte[10], null);

    assertThat(result.transferred()).isFalse();
    assertThat(result.bytes()).isZero();
  }

  @Test
  void installErrorIsReportedWithTypeAndDetail() {
    dms.install = responses -> new Ignoring() {
      @Override
      public void onNext(InstallRequest request) {
        responses.onNext(InstallResponse.newBuilder().setInstallError(InstallError.newBuilder()
            .setType(InstallError.Type.PARSE_FAIL).setDetail("bad")).build());
        responses.onCompleted();
      }
    };

    assertThatThrownBy(() -> client.installBytes("dpu-a.cfg", "x".getBytes(), null))
        .isInstanceOf(DmsException.class)
        .hasMessage("OS.Install of \"dpu-a.cfg\" on DMS " + dms.address()
            + " failed: installation error \"PARSE_FAIL\": bad")
        .extracting(e -> ((DmsException) e).reason()).isEqualTo(DmsException.Reason.INSTALL_ERROR);
  }

  @Test
  void validatedVersionMustMatch() {
    dms.install = new Receiver(1 << 20, v -> "other.bfb")::start;

    assertThatThrownBy(() -> client.installBytes("x.bfb", new byte[1000], null))
        .hasMessageEndingWith("installed version \"other.bfb\" does not match requested version \"x.bfb\"")
        .extracting(e -> ((DmsException) e).reason()).isEqualTo(DmsException.Reason.PROTOCOL);
  }

  @Test
  void streamEndingEarlyIsAProtocolError() {
    dms.install = responses -> new Ignoring() {
      @Override
      public void onNext(InstallRequest request) {
        responses.onCompleted();
      }
    };

    assertThatThrownBy(() -> client.installBytes("x.bfb", new byte[10], null))
        .hasMessageContaining("DMS ended the call while waiting for the answer to the transfer request");
  }

  @Test
  void silentServerIsCutByTheCallTimeout() {
    dms.install = responses -> new Ignoring();
    DmsTimeouts quick = FAST.withCall(Duration.ofMillis(300));

    try (DmsClient impatient = dms.client(quick)) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> impatient.installBytes("x.bfb", new byte[10], null))
          .hasMessageContaining("no answer to the transfer request within 300ms")
          .extracting(e -> ((DmsException) e).reason()).isEqualTo(DmsException.Reason.TIMEOUT);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void activateRetriesOnGrpcErrors() {
    AtomicInteger calls = new AtomicInteger();
    dms.activate = r -> {
      if (calls.incrementAndGet() < 4) {
        throw Status.UNAVAILABLE.withDescription("busy").asRuntimeException();
      }
      assertThat(r.getVersion()).isEqualTo("x.bfb;dpu-a.cfg");
      assertThat(r.getNoReboot()).isFalse();
      return ActivateResponse.newBuilder().setActivateOk(dev.dpf.dms.proto.gnoi.os.ActivateOK.getDefaultInstance())
          .build();
    };

    client.activate("x.bfb;dpu-a.cfg", Instant.now().plusSeconds(30));

    assertThat(calls).hasValue(4);
  }

  @Test
  void activateGivesUpAfterTenAttempts() {
    AtomicInteger calls = new AtomicInteger();
    dms.activate = r -> {
      calls.incrementAndGet();
      throw Status.NOT_FOUND.withDescription("no such version").asRuntimeException();
    };

    assertThatThrownBy(() -> client.activate("a;b", Instant.now().plusSeconds(30)))
        .hasMessage("OS.Activate of \"a;b\" on DMS " + dms.address()
            + " failed: DMS answered NOT_FOUND: no such version (gave up after 10 attempts)");
    assertThat(calls).hasValue(10);
  }

  @Test
  void activateErrorAnswerFailsAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    dms.activate = r -> {
      calls.incrementAndGet();
      return ActivateResponse.newBuilder().setActivateError(ActivateError.newBuilder()
          .setType(ActivateError.Type.NON_EXISTENT_VERSION).setDetail("b not installed")).build();
    };

    assertThatThrownBy(() -> client.activate("a;b", Instant.now().plusSeconds(30)))
        .hasMessageEndingWith("activation error \"NON_EXISTENT_VERSION\": b not installed");
    assertThat(calls).hasValue(1);
  }

  @Test
  void interruptingTheCallerCancelsTheCall() throws Exception {
    dms.activate = r -> null; // never answers
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        client.activate("a;b", Instant.now().plusSeconds(60));
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    caller.start();
    awaitBlocked(caller);
    caller.interrupt();
    caller.join(10_000);

    assertThat(failure.get()).isInstanceOf(DmsException.class)
        .extracting(e -> ((DmsException) e).reason()).isEqualTo(DmsException.Reason.CANCELLED);
  }

  @Test
  void closingTheClientCancelsAnInstall() throws Exception {
    dms.install = responses -> new Ignoring(); // never answers the transfer request
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        client.installBytes("x.bfb", new byte[10], null);
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    caller.start();
    awaitBlocked(caller);
    client.close();
    caller.join(10_000);

    assertThat(failure.get()).isInstanceOf(DmsException.class)
        .hasMessageEndingWith("failed: the client was closed")
        .extracting(e -> ((DmsException) e).reason()).isEqualTo(DmsException.Reason.CANCELLED);
  }

  @Test
  void awaitRebootPollsTheCpuUntilInactive() {
    AtomicInteger polls = new AtomicInteger();
    dms.rebootStatus = r -> polls.incrementAndGet() < 3
        ? RebootStatusResponse.newBuilder().setActive(true).build()
        : RebootStatusResponse.newBuilder().setStatus(RebootStatus.newBuilder()
            .setStatus(RebootStatus.Status.STATUS_SUCCESS)).build();

    RebootState state = client.activateAndAwaitReboot("a;b");

    assertThat(state.outcome()).isEqualTo(RebootState.Outcome.SUCCESS);
    assertThat(polls).hasValue(3);
    assertThat(dms.statusRequests.get(0).getSubcomponents(0).getElem(0).getName()).isEqualTo("CPU");
  }

  @Test
  void rebootFailuresUseUpstreamTexts() {
    dms.rebootStatus = r -> RebootStatusResponse.newBuilder().setReason("flash failed").setStatus(
        RebootStatus.newBuilder().setStatus(RebootStatus.Status.STATUS_FAILURE)).build();
    assertThatThrownBy(() -> client.awaitReboot(Instant.now().plusSeconds(10)))
        .hasMessageEndingWith("reboot failure: flash failed");

    dms.rebootStatus = r -> RebootStatusResponse.newBuilder().setReason("try again").setStatus(
        RebootStatus.newBuilder().setStatus(RebootStatus.Status.STATUS_RETRIABLE_FAILURE)).build();
    assertThatThrownBy(() -> client.awaitReboot(Instant.now().plusSeconds(10)))
        .hasMessageEndingWith("retriable failure: try again");

    dms.rebootStatus = r -> RebootStatusResponse.newBuilder().build();
    assertThatThrownBy(() -> client.awaitReboot(Instant.now().plusSeconds(10)))
        .hasMessageEndingWith("unknown reboot status: STATUS_UNKNOWN")
        .extracting(e -> ((DmsException) e).reason()).isEqualTo(DmsException.Reason.REBOOT_FAILED);
  }

  @Test
  void awaitRebootStopsAtTheDeadline() {
    dms.rebootStatus = r -> RebootStatusResponse.newBuilder().setActive(true).build();

    assertThatThrownBy(() -> client.awaitReboot(Instant.now().plusMillis(200)))
        .extracting(e -> ((DmsException) e).reason()).isEqualTo(DmsException.Reason.TIMEOUT);
  }

  @Test
  void closedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (DmsClient nobody = DmsClient.connect(new DmsAddress("127.0.0.1", port), LoopbackDms.clientTls(), FAST)) {
      assertThatThrownBy(nobody::setDpuMode)
          .hasMessageStartingWith("gNMI Set of nvidia/mode/config/mode=DPU on DMS 127.0.0.1:" + port
              + " failed: DMS is unreachable")
          .extracting(e -> ((DmsException) e).reason()).isEqualTo(DmsException.Reason.UNREACHABLE);
    }
    assertThat(new DmsAddress("127.0.0.1", port).acceptsConnections(Duration.ofSeconds(1))).isFalse();
    assertThat(dms.address().acceptsConnections(Duration.ofSeconds(1))).isTrue();
  }

  @Test
  void serverCertificateMustNameTheDialledAddress() throws Exception {
    try (LoopbackDms wrongIp = new LoopbackDms(List.of("10.0.0.7"), LoopbackDms.CA);
        DmsClient c = wrongIp.client(FAST)) {
      assertThatThrownBy(c::setDpuMode)
          .satisfies(e -> assertThat(((DmsException) e).reason()).isEqualTo(DmsException.Reason.TLS))
          .hasMessageContaining("TLS handshake failed")
          .hasMessageContaining("127.0.0.1");
    }
  }

  @Test
  void serverCertificateMustChainToTheCa() throws Exception {
    try (LoopbackDms rogue = new LoopbackDms(List.of("127.0.0.1"), Pki.newCa("rogue"));
        DmsClient c = rogue.client(FAST)) {
      assertThatThrownBy(c::setDpuMode)
          .satisfies(e -> assertThat(((DmsException) e).reason()).isEqualTo(DmsException.Reason.TLS))
          .hasMessageContaining("TLS handshake failed");
    }
  }

  private static void awaitBlocked(Thread thread) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
        thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
  }

  /** A well-behaved receiver that sends progress every {@code every} bytes and validates as {@code validate}. */
  private static final class Receiver {
    final int every;
    final Function<String, String> validate;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Integer> chunkSizes = new CopyOnWriteArrayList<>();
    volatile String version;

    Receiver(int every, Function<String, String> validate) {
      this.every = every;
      this.validate = validate;
    }

    StreamObserver<InstallRequest> start(StreamObserver<InstallResponse> responses) {
      return new Ignoring() {
        long lastReport;

        @Override
        public void onNext(InstallRequest request) {
          switch (request.getRequestCase()) {
            case TRANSFER_REQUEST -> {
              version = request.getTransferRequest().getVersion();
              responses.onNext(InstallResponse.newBuilder().setTransferReady(TransferReady.getDefaultInstance())
                  .build());
            }
            case TRANSFER_CONTENT -> {
              bytes.writeBytes(request.getTransferContent().toByteArray());
              chunkSizes.add(request.getTransferContent().size());
              if (bytes.size() - lastReport >= every) {
                lastReport = bytes.size();
                responses.onNext(InstallResponse.newBuilder().setTransferProgress(
                    TransferProgress.newBuilder().setBytesReceived(bytes.size())).build());
              }
            }
            case TRANSFER_END -> {
              responses.onNext(InstallResponse.newBuilder().setValidated(
                  Validated.newBuilder().setVersion(validate.apply(version))).build());
              responses.onCompleted();
            }
            default -> { }
          }
        }
      };
    }
  }

  private static class Ignoring implements StreamObserver<InstallRequest> {
    @Override
    public void onNext(InstallRequest value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
