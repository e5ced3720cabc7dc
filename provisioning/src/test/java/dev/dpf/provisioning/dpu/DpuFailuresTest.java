package dev.dpf.provisioning.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import dev.dpf.dms.proto.gnoi.os.InstallError;
import dev.dpf.dms.proto.gnoi.system.RebootStatus;
import dev.dpf.dpusim.DmsSimulator;
import dev.dpf.dpusim.Fleet;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures end as the reference describes (condition with upstream reason and message, Warning event, back-off or
 * phase Error) and recover once the cause is fixed: by themselves while attempts are left, through the retry
 * annotation from Error.
 */
@KubeTest
class DpuFailuresTest {

  static final String FILE = "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb";

  DpuTestbed bed;
  String host;
  String name;

  @BeforeEach
  void setUp(KubeTestContext kube) {
    bed = new DpuTestbed(kube);
    host = bed.host(1);
    name = DpuTestbed.dpuName(host);
    bed.bfb("bfb", FILE, 1024 * 1024);
    bed.flavor("flavor");
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  DmsSimulator dms() {
    return bed.fleet.dpu(name).dms();
  }

  @Test
  void dmsUnreachableDuringTheInstallationIsRetriedAndRecovers() {
    bed.options(o -> o.withInstallRetries(10, Duration.ofMillis(300))).start();
    dms().hang(DmsSimulator.Op.SET);
    bed.dpu(host, "bfb", d -> {});
    bed.awaitPhase(name, DPUPhase.OS_INSTALLING);
    dms().unreachable(true);
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Condition c = DpuTestbed.cond(bed.get(name), DPU.CONDITION_OS_INSTALLED);
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo(DPU.REASON_INSTALLATION_FAILED);
      assertThat(c.getMessage()).contains("unreachable").contains("of 10 failed; retrying in");
      assertThat(bed.get(name).getStatus().getInstallation().getAttempt()).isGreaterThanOrEqualTo(3);
      assertThat(bed.events(name, DPU.REASON_INSTALLATION_FAILED)).anyMatch(e -> "Warning".equals(e.getType()));
    });
    assertThat(bed.get(name).getStatus().getPhase()).isEqualTo(DPUPhase.OS_INSTALLING);
    dms().clearFaults();
    DPU ready = bed.awaitPhase(name, DPUPhase.READY);
    assertThat(dms().stats().activations()).isEqualTo(1);
    assertThat(ready.getStatus().getInstallation().getLastError()).contains("unreachable");
  }

  @Test
  void installErrorIsTerminalReleasesTheNodeEffectAndTheRetryAnnotationRecovers() {
    bed.start();
    dms().failInstall(InstallError.Type.PARSE_FAIL, "not a BFB");
    bed.dpu(host, "bfb", d -> {});
    DPU failed = bed.awaitPhase(name, DPUPhase.ERROR);
    Condition installed = DpuTestbed.cond(failed, DPU.CONDITION_OS_INSTALLED);
    assertThat(installed.getReason()).isEqualTo(DPU.REASON_INSTALLATION_FAILED);
    assertThat(installed.getMessage()).contains("installation error \"PARSE_FAIL\": not a BFB");
    assertThat(DpuTestbed.cond(failed, DPU.CONDITION_READY).getStatus()).isEqualTo("False");
    assertThat(bed.events(name, DPU.REASON_INSTALLATION_FAILED)).isNotEmpty();
    await().atMost(DpuTestbed.WAIT).untilAsserted(() ->
        assertThat(bed.node(host).getSpec().getTaints()).noneMatch(t -> "dpu".equals(t.getKey())));
    assertThat(dms().stats().activations()).isZero();

    dms().clearFaults();
    retry();
    bed.awaitPhase(name, DPUPhase.READY);
    assertThat(dms().stats().activations()).isEqualTo(1);
    assertThat(bed.get(name).getMetadata().getAnnotations()).doesNotContainKey(DpuReconciler.RETRY_ANNOTATION);
    assertThat(bed.events(name, "Retry")).isNotEmpty();
  }

  @Test
  void dmsHangingPastTheTimeoutEndsInErrorAfterTheAttempts() {
    bed.operatorConfig(1);
    bed.start();
    dms().hang(DmsSimulator.Op.INSTALL);
    bed.dpu(host, "bfb", d -> {});
    DPU failed = bed.awaitPhase(name, DPUPhase.ERROR);
    Condition installed = DpuTestbed.cond(failed, DPU.CONDITION_OS_INSTALLED);
    assertThat(installed.getReason()).isEqualTo(DPU.REASON_INSTALLATION_FAILED);
    assertThat(installed.getMessage()).contains("within 1s").contains("(gave up after 3 attempts)");
    assertThat(failed.getStatus().getInstallation().getAttempt()).isEqualTo(3);

    dms().clearFaults();
    bed.operatorConfig(30);
    retry();
    bed.awaitPhase(name, DPUPhase.READY);
    assertThat(dms().stats().activations()).isEqualTo(1);
  }

  @Test
  void badServerCertificateFailsTheTlsHandshakeUntilFixed() {
    bed.kubelet.dmsPod(name, KubeletStandIn.Behaviour.PENDING);
    bed.options(o -> o.withInstallRetries(2, Duration.ofMillis(200))).start();
    bed.dpu(host, "bfb", d -> {});
    // once the Certificate exists and cert-manager (its stand-in) issued the Secret, replace the Secret
    await().atMost(DpuTestbed.WAIT).until(() -> {
      Secret s = bed.client.secrets().withName(name + "-server-secret").get();
      return s != null && s.getMetadata().getManagedFields().stream().anyMatch(m -> "cert-manager".equals(
          m.getManager()));
    });
    // a server Secret whose CA did not sign the certificate DMS serves
    Secret wrong = bed.fleet.serverSecret(name);
    try (Fleet other = Fleet.builder().build()) {
      wrong.getData().put("ca.crt", Base64.getEncoder().encodeToString(other.caCertPem()
          .getBytes(StandardCharsets.UTF_8)));
    }
    wrong.getMetadata().setNamespace(bed.ns);
    bed.client.secrets().resource(wrong).fieldManager("cert-manager").forceConflicts().serverSideApply();
    bed.kubelet.dmsPod(name, KubeletStandIn.Behaviour.RUN);

    DPU failed = bed.awaitPhase(name, DPUPhase.ERROR);
    assertThat(DpuTestbed.cond(failed, DPU.CONDITION_OS_INSTALLED).getMessage())
        .contains("TLS handshake failed").doesNotContain("BEGIN");
    assertThat(bed.events(name, DPU.REASON_INSTALLATION_FAILED)).allSatisfy(e ->
        assertThat(e.getMessage()).doesNotContain("PRIVATE KEY"));

    Secret right = bed.fleet.serverSecret(name);
    right.getMetadata().setNamespace(bed.ns);
    bed.client.secrets().resource(right).fieldManager("cert-manager").forceConflicts().serverSideApply();
    retry();
    bed.awaitPhase(name, DPUPhase.READY);
    assertThat(dms().stats().activations()).isEqualTo(1);
  }

  @Test
  void failedRebootOfTheDpuIsTerminal() {
    bed.start();
    dms().failReboot(RebootStatus.Status.STATUS_FAILURE, "flash of the eMMC failed");
    bed.dpu(host, "bfb", d -> {});
    DPU failed = bed.awaitPhase(name, DPUPhase.ERROR);
    assertThat(DpuTestbed.cond(failed, DPU.CONDITION_OS_INSTALLED).getMessage())
        .contains("reboot failure: flash of the eMMC failed");
    dms().clearFaults();
    retry();
    bed.awaitPhase(name, DPUPhase.READY);
    assertThat(dms().stats().activations()).isEqualTo(2);
  }

  @Test
  void failedDmsPodEndsInErrorAndTheRetryReplacesIt() {
    bed.kubelet.dmsPod(name, KubeletStandIn.Behaviour.FAIL);
    bed.start();
    bed.dpu(host, "bfb", d -> {});
    DPU failed = bed.awaitPhase(name, DPUPhase.ERROR);
    Condition dms = DpuTestbed.cond(failed, DPU.CONDITION_DMS_RUNNING);
    assertThat(dms.getReason()).isEqualTo(DPU.REASON_DMS_POD_FAILED);
    assertThat(dms.getMessage()).isEqualTo(DPU.MESSAGE_DMS_POD_FAILED);
    assertThat(bed.events(name, DPU.REASON_DMS_POD_FAILED)).isNotEmpty();
    String failedUid = bed.client.pods().withName(name + "-dms").get().getMetadata().getUid();

    bed.kubelet.dmsPod(name, KubeletStandIn.Behaviour.RUN);
    retry();
    bed.awaitPhase(name, DPUPhase.READY);
    assertThat(bed.client.pods().withName(name + "-dms").get().getMetadata().getUid()).isNotEqualTo(failedUid);
  }

  @Test
  void rshimOnTheHostIsReportedAndTheDpuGoesOnOnceItIsGone() {
    bed.kubelet.dmsPod(name, KubeletStandIn.Behaviour.RSHIM);
    bed.start();
    bed.dpu(host, "bfb", d -> {});
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Condition c = DpuTestbed.cond(bed.get(name), DPU.CONDITION_DMS_RUNNING);
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo(DPU.REASON_EXISTING_RSHIM_INSTALL_DETECTED);
      assertThat(c.getMessage()).isEqualTo("the DMS server " + name + "-dms is not ready yet, wait for \""
          + DpuObjects.RSHIM_MESSAGE + "\"");
    });
    assertThat(bed.get(name).getStatus().getPhase()).isEqualTo(DPUPhase.DMS_DEPLOYMENT);
    bed.kubelet.dmsPod(name, KubeletStandIn.Behaviour.RUN);
    bed.awaitPhase(name, DPUPhase.READY);
  }

  @Test
  void dmsPodStuckPendingTimesOut() {
    bed.kubelet.dmsPod(name, KubeletStandIn.Behaviour.PENDING);
    bed.options(o -> o.withDmsPodTimeout(Duration.ofSeconds(2))).start();
    bed.dpu(host, "bfb", d -> {});
    DPU failed = bed.awaitPhase(name, DPUPhase.ERROR);
    Condition dms = DpuTestbed.cond(failed, DPU.CONDITION_DMS_RUNNING);
    assertThat(dms.getReason()).isEqualTo(DPU.REASON_DMS_POD_TIMEDOUT);
    assertThat(dms.getMessage()).isEqualTo(DPU.MESSAGE_DMS_POD_TIMEDOUT);
  }

  @Test
  void hostNodeDeletedMidFlowIsReportedAndTheDpuRecoversWhenItIsBack() {
    bed.start();
    bed.dpu(host, "bfb", d -> {
      d.getSpec().setAutomaticNodeReboot(false);
      d.getSpec().setNodeEffect(NodeEffect.noEffect());
    });
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Condition c = DpuTestbed.cond(bed.get(name), DPU.CONDITION_REBOOTED);
      assertThat(c.getReason()).isEqualTo(DPU.REASON_WAITING_FOR_MANUAL_POWER_CYCLE_OR_REBOOT);
    });
    bed.client.nodes().withName(host).delete();
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Condition c = DpuTestbed.cond(bed.get(name), DPU.CONDITION_REBOOTED);
      assertThat(c.getReason()).isEqualTo(DPU.REASON_ERROR_OCCURED);
      assertThat(c.getMessage()).isEqualTo("host node " + host + " not found");
      assertThat(bed.events(name, DPU.REASON_ERROR_OCCURED)).anyMatch(e -> "Warning".equals(e.getType()));
    });
    bed.host(1);
    bed.fleet.host(host).reboot("rebooted by an operator");
    DPU ready = bed.awaitPhase(name, DPUPhase.READY);
    assertThat(DpuTestbed.cond(ready, DPU.CONDITION_REBOOTED).getStatus()).isEqualTo("True");
    assertThat(bed.fleet.host(host).commandLog()).noneMatch(c -> c.startsWith("bf-slr.sh") || c.startsWith("ipmitool"));
  }

  void retry() {
    bed.client.resources(DPU.class).inNamespace(bed.ns).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"" + DpuReconciler.RETRY_ANNOTATION + "\":\"\"}}}");
  }
}
