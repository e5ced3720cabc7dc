package dev.dpf.dpusim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.dms.DmsClient;
import dev.dpf.dms.DmsException;
import dev.dpf.dms.DmsException.Reason;
import dev.dpf.dms.DmsTimeouts;
import dev.dpf.dms.DmsTls;
import dev.dpf.dms.proto.gnoi.os.ActivateError;
import dev.dpf.dms.proto.gnoi.os.InstallError;
import dev.dpf.dms.proto.gnoi.system.RebootStatus;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every injected failure reaches the client as a clear {@link DmsException}. */
class FaultInjectionTest {

  private static final byte[] CFG = "hostnamectl set-hostname dpu-a\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;
  private Fleet fleet;
  private DmsSimulator dms;
  private DmsClient client;

  @BeforeEach
  void start() {
    fleet = Fleet.builder().rebootTime(Duration.ofMillis(200)).build();
    dms = fleet.addDpu("dpu-a", "host-a").dms();
    client = DmsClient.connect(dms.address(), fleet.clientTls(), FlashTest.TIMEOUTS);
  }

  @AfterEach
  void stop() {
    client.close();
    fleet.close();
  }

  @Test
  void installError() {
    dms.failInstall(InstallError.Type.INTEGRITY_FAIL, "checksum mismatch");

    expect(() -> client.installBytes("dpu-a.cfg", CFG, null), Reason.INSTALL_ERROR,
        "OS.Install of \"dpu-a.cfg\" on DMS " + dms.address()
            + " failed: installation error \"INTEGRITY_FAIL\": checksum mismatch");
    assertThat(dms.images()).isEmpty();
    assertThat(dms.stats().installErrors()).isEqualTo(1);

    dms.clearFaults();
    assertThat(client.installBytes("dpu-a.cfg", CFG, null).transferred()).isTrue();
  }

  @Test
  void concurrentInstallIsRefused() throws Exception {
    dms.latency(Duration.ofMillis(800));
    CompletableFuture<?> first = CompletableFuture.runAsync(() -> client.installBytes("dpu-a.cfg", CFG, null));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> dms.stats().installCalls() == 1);
    dms.latency(Duration.ZERO);

    expect(() -> client.installBytes("other.cfg", CFG, null), Reason.INSTALL_ERROR,
        "installation error \"INSTALL_IN_PROGRESS\"");
    first.get();
  }

  @Test
  void activateFailuresAreRetriedUpToTenAttempts() {
    install();
    dms.failActivate(3, Status.UNAVAILABLE.withDescription("DMS busy"));
    client.activate("x.bfb;dpu-a.cfg", Instant.now().plusSeconds(30));
    assertThat(dms.stats().activateCalls()).isEqualTo(4);
    assertThat(dms.stats().activations()).isEqualTo(1);

    client.awaitReboot(Instant.now().plusSeconds(30));
    dms.failActivate(10, Status.INTERNAL.withDescription("flash tool crashed"));
    expect(() -> client.activate("x.bfb;dpu-a.cfg", Instant.now().plusSeconds(30)), Reason.REJECTED,
        "failed: DMS answered INTERNAL: flash tool crashed (gave up after 10 attempts)");
  }

  @Test
  void activateOfMissingVersionOrInjectedRejection() {
    install();
    expect(() -> client.activate("x.bfb;dpu-b.cfg", Instant.now().plusSeconds(30)), Reason.ACTIVATE_ERROR,
        "activation error \"NON_EXISTENT_VERSION\": version not installed: dpu-b.cfg");

    dms.rejectActivate(ActivateError.Type.UNSPECIFIED, "no space left");
    expect(() -> client.activate("x.bfb;dpu-a.cfg", Instant.now().plusSeconds(30)), Reason.ACTIVATE_ERROR,
        "activation error \"UNSPECIFIED\": no space left");
  }

  @Test
  void rebootFailure() {
    install();
    dms.failReboot(RebootStatus.Status.STATUS_FAILURE, "BFB installation failed: rshim timeout");

    expect(() -> client.activateAndAwaitReboot("x.bfb;dpu-a.cfg"), Reason.REBOOT_FAILED,
        "System.RebootStatus on DMS " + dms.address() + ": reboot failure: BFB installation failed: rshim timeout");

    dms.failReboot(RebootStatus.Status.STATUS_RETRIABLE_FAILURE, "DPU did not come back");
    expect(() -> client.activateAndAwaitReboot("x.bfb;dpu-a.cfg"), Reason.REBOOT_FAILED,
        "retriable failure: DPU did not come back");
    assertThat(dms.runningVersion()).isEmpty();
  }

  @Test
  void setModeFailure() {
    dms.failSet(Status.FAILED_PRECONDITION.withDescription("mlxconfig failed"));

    expect(client::setDpuMode, Reason.REJECTED,
        "gNMI Set of nvidia/mode/config/mode=DPU on DMS " + dms.address()
            + " failed: DMS answered FAILED_PRECONDITION: mlxconfig failed");
  }

  @Test
  void unreachableAndBack() {
    dms.unreachable(true);
    expect(client::setDpuMode, Reason.UNREACHABLE, "failed: DMS is unreachable");
    assertThat(dms.address().acceptsConnections(Duration.ofSeconds(1))).isFalse();

    dms.unreachable(false);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .untilAsserted(client::setDpuMode);
  }

  @Test
  void hangsAreCutByTheDeadlines() {
    install();
    DmsTimeouts quick = FlashTest.TIMEOUTS.withCall(Duration.ofMillis(500)).withStatus(Duration.ofMillis(300))
        .withActivateRetries(2, Duration.ZERO);
    try (DmsClient impatient = DmsClient.connect(dms.address(), fleet.clientTls(), quick)) {
      dms.hang(DmsSimulator.Op.SET, DmsSimulator.Op.INSTALL, DmsSimulator.Op.ACTIVATE,
          DmsSimulator.Op.REBOOT_STATUS);
      expect(impatient::setDpuMode, Reason.TIMEOUT, "no answer within 500ms (deadline exceeded)");
      expect(() -> impatient.installBytes("y.cfg", CFG, null), Reason.TIMEOUT,
          "no answer to the transfer request within 500ms");
      expect(() -> impatient.activate("x.bfb;dpu-a.cfg", Instant.now().plusSeconds(30)), Reason.TIMEOUT,
          "(gave up after 2 attempts)");
      expect(() -> impatient.awaitReboot(Instant.now().plusSeconds(3)), Reason.TIMEOUT,
          "System.RebootStatus on DMS " + dms.address() + " failed: no answer within 300ms");
    }
  }

  @Test
  void clientCertificateFromAnotherCaIsRejected() {
    FleetPki.CertKey rogueCa = FleetPki.newCa("rogue", Duration.ofDays(1));
    FleetPki.CertKey rogue = FleetPki.issue(rogueCa, "dpf-provisioning-client-cert", List.of(),
        FleetPki.Usage.CLIENT_AUTH, Duration.ofDays(1));
    DmsTls badClient = DmsTls.fromPem(rogue.certPem(), rogue.keyPem(), fleet.caCertPem());

    try (DmsClient intruder = DmsClient.connect(dms.address(), badClient, FlashTest.TIMEOUTS)) {
      assertThatThrownBy(intruder::setDpuMode).isInstanceOf(DmsException.class)
          .satisfies(e -> assertThat(((DmsException) e).reason()).isEqualTo(Reason.TLS))
          .hasMessageStartingWith("gNMI Set of nvidia/mode/config/mode=DPU on DMS " + dms.address()
              + " failed: TLS handshake failed: the DMS server refused the client certificate")
          .hasMessageNotContaining("BEGIN");
    }
    assertThat(dms.stats().setCalls()).isZero();
  }

  @Test
  void serverCertificateFromAnotherCaIsRejected() {
    FleetPki.CertKey otherCa = FleetPki.newCa("other", Duration.ofDays(1));
    FleetPki.CertKey client2 = FleetPki.issue(otherCa, "c", List.of(), FleetPki.Usage.CLIENT_AUTH,
        Duration.ofDays(1));
    // trusts another CA than the one that signed the simulator's server certificate
    DmsTls wrongTrust = DmsTls.fromPem(client2.certPem(), client2.keyPem(), otherCa.certPem());
    try (DmsClient distrustful = DmsClient.connect(dms.address(), wrongTrust, FlashTest.TIMEOUTS)) {
      expect(distrustful::setDpuMode, Reason.TLS, "TLS handshake failed");
    }
  }

  private void install() {
    client.installBytes("x.bfb", new byte[100_000], null);
    client.installBytes("dpu-a.cfg", CFG, null);
  }

  private static void expect(ThrowingCallable call, Reason reason, String message) {
    assertThatThrownBy(call).isInstanceOf(DmsException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((DmsException) e).reason()).isEqualTo(reason));
  }

}
