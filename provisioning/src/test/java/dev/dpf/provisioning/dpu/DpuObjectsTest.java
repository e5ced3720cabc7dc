package dev.dpf.provisioning.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUSpec;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.common.cluster.DpuClusterAccessException;
import dev.dpf.dms.DmsException;
import dev.dpf.provisioning.bfcfg.BfCfgException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts: objects of reference 8.1-8.3, PCI forms, options, failure classification. */
class DpuObjectsTest {

  @TempDir
  Path dir;

  static DPU dpu(String pciLabel, NodeEffect effect) {
    DPU dpu = new DPU();
    dpu.getMetadata().setName("worker-1-0000-4b-00");
    dpu.getMetadata().setNamespace("dpf-operator-system");
    dpu.getMetadata().setUid("1234");
    dpu.getMetadata().setLabels(Map.of(ProvisioningLabels.DPU_PCI_ADDRESS, pciLabel));
    DPUSpec spec = new DPUSpec();
    spec.setNodeName("worker-1");
    spec.setBfb("bfb");
    spec.setNodeEffect(effect);
    dpu.setSpec(spec);
    return dpu;
  }

  @Test
  void pciAddressForms() {
    assertThat(Pci.withDomain("0000-4b-00")).isEqualTo("0000:4b:00");
    assertThat(Pci.withoutDomain("0000-4b-00")).isEqualTo("4b:00");
    assertThat(Pci.withDomain("4b-00")).isEqualTo("0000:4b:00");
    assertThat(Pci.withoutDomain("4b-00")).isEqualTo("4b:00");
    assertThat(Pci.valid("0000-4b-00")).isTrue();
    assertThat(Pci.valid("4b-00")).isTrue();
    assertThat(Pci.valid("0000:4b:00")).isFalse();
    assertThat(Pci.valid("4b-00; reboot")).isFalse();
    assertThat(Pci.valid(null)).isFalse();
  }

  @Test
  void dmsCommandLineIsUpstreams() {
    assertThat(DpuObjects.dmsCommand("4b:00", null)).isEqualTo("./rshim.sh && /opt/mellanox/doca/services/dms/dmsd "
        + "-bind_address 0.0.0.0:9339 -v 99 -auth cert -ca /etc/ssl/certs/server/ca.crt -tls_key_file "
        + "/etc/ssl/certs/server/tls.key -tls_cert_file /etc/ssl/certs/server/tls.crt -password admin -username admin "
        + "-image_folder /bfb -target_pci 4b:00 -exec_timeout 900 -disable_unbind_at_activate "
        + "-reboot_status_check none");
    assertThat(DpuObjects.dmsCommand("4b:00", 120)).contains("-exec_timeout 120 ");
  }

  @Test
  void dmsPodTolerationsFollowTheTaintNodeEffect() {
    NodeEffect taint = DpuTestbed.taint();
    Pod pod = DpuObjects.dmsPod(dpu("0000-4b-00", taint), "dms:1", "bfb-pvc", List.of("a", "b"), 60);
    assertThat(pod.getSpec().getTolerations()).extracting(Toleration::getKey, Toleration::getOperator,
        Toleration::getEffect).containsExactly(
            org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/not-ready", "Exists", "NoExecute"),
            org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/not-ready", "Exists", "NoSchedule"),
            org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/unreachable", "Exists", "NoExecute"),
            org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/unschedulable", "Exists", "NoSchedule"),
            org.assertj.core.groups.Tuple.tuple("dpu", "Equal", "NoSchedule"));
    assertThat(pod.getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("a", "b");
    assertThat(pod.getSpec().getInitContainers()).allSatisfy(c -> {
      assertThat(c.getImage()).isEqualTo("dms:1");
      assertThat(c.getSecurityContext().getPrivileged()).isTrue();
    });
    Pod drain = DpuObjects.dmsPod(dpu("0000-4b-00", NodeEffect.drain(true)), "dms:1", "bfb-pvc", List.of(), 60);
    assertThat(drain.getSpec().getTolerations()).hasSize(4);
    assertThat(drain.getMetadata().getLabels()).containsEntry(ProvisioningLabels.COMPONENT, "dms");
  }

  @Test
  void initContainerScriptsAreValidBashAndRefuseRshimForThisDpu() throws Exception {
    assertThat(bashSyntax(DpuObjects.rshimPreflightScript("4b:00"))).isZero();
    assertThat(bashSyntax(DpuObjects.devlinkScript("0000:4b:00"))).isZero();
    // the pre-flight script against a fake /dev: another DPU's rshim passes, this DPU's fails with the message
    Path dev = Files.createDirectories(dir.resolve("dev"));
    Path rshim = Files.createDirectories(dev.resolve("rshim0"));
    Files.writeString(rshim.resolve("misc"), "DEV_NAME pcie-0000:8a:00.2\n");
    String script = DpuObjects.rshimPreflightScript("4b:00").replace("/dev/", dev + "/");
    assertThat(bash(script)).isZero();
    assertThat(Files.readString(rshim.resolve("misc"))).isEqualTo("DISPLAY_LEVEL 1\n");
    Files.writeString(rshim.resolve("misc"), "DEV_NAME pcie-0000:4b:00.2\n");
    // the script writes the same misc file; simulate rshim's answer by keeping the device name in it
    String keep = script.replace("echo 'DISPLAY_LEVEL 1' > \"$dev/misc\"", "true");
    assertThat(bash(keep)).isEqualTo(1);
    assertThat(Files.readString(dev.resolve("termination-log"))).isEqualTo(DpuObjects.RSHIM_MESSAGE + "\n");
  }

  @Test
  void hostNetworkPodEnvironment() {
    Pod pod = DpuObjects.hostNetworkPod(dpu("0000-4b-00", NodeEffect.noEffect()), "hn:1", List.of(), 8, 9000);
    assertThat(pod.getMetadata().getName()).isEqualTo("worker-1-0000-4b-00-hostnetwork");
    assertThat(pod.getSpec().getContainers().get(0).getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
        .containsExactly("device_pci_address=0000:4b:00", "num_of_vfs=8", "vf_mtu=9000");
    assertThat(pod.getSpec().getContainers().get(0).getArgs()).containsExactly("hostnetwork.sh");
  }

  @Test
  void optionsFromTheEnvironment() {
    assertThat(DpuControllerOptions.fromEnvironment(Map.of()).cloudInitWait()).isEqualTo(Duration.ofSeconds(90));
    assertThat(DpuControllerOptions.fromEnvironment(Map.of("CLOUD_INIT_TIMEOUT", "5")).cloudInitWait())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(DpuControllerOptions.fromEnvironment(Map.of("CLOUD_INIT_TIMEOUT", "abc")).cloudInitWait())
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(DpuControllerOptions.fromEnvironment(Map.of("DPF_DMS_IMAGE", "x/dms:1")).dmsImage())
        .isEqualTo("x/dms:1");
    DpuControllerOptions o = DpuControllerOptions.defaults().withInstallRetries(5, Duration.ofSeconds(30));
    assertThat(o.installBackoff(2)).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.installBackoff(3)).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.installBackoff(30)).isEqualTo(Duration.ofMinutes(10));
    assertThat(o.dmsTimeouts(45).call()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void failureClassification() {
    assertThat(InstallFailure.of(new DmsException(DmsException.Reason.UNREACHABLE, "x")).permanent()).isFalse();
    assertThat(InstallFailure.of(new DmsException(DmsException.Reason.TLS, "x")).permanent()).isFalse();
    assertThat(InstallFailure.of(new DmsException(DmsException.Reason.TIMEOUT, "x")).permanent()).isFalse();
    assertThat(InstallFailure.of(new DmsException(DmsException.Reason.INSTALL_ERROR, "x")).permanent()).isTrue();
    assertThat(InstallFailure.of(new DmsException(DmsException.Reason.ACTIVATE_ERROR, "x")).permanent()).isTrue();
    assertThat(InstallFailure.of(new DmsException(DmsException.Reason.REBOOT_FAILED, "reboot failure: x"))
        .permanent()).isTrue();
    assertThat(InstallFailure.of(new DmsException(DmsException.Reason.REBOOT_FAILED, "retriable failure: x"))
        .permanent()).isFalse();
    assertThat(InstallFailure.of(new BfCfgException("too big")).permanent()).isTrue();
    assertThat(InstallFailure.of(new DpuClusterAccessException("unreachable")).permanent()).isFalse();
  }

  int bashSyntax(String script) throws IOException, InterruptedException {
    Path file = dir.resolve("script.sh");
    Files.writeString(file, script);
    return run("bash", "-n", file.toString());
  }

  int bash(String script) throws IOException, InterruptedException {
    Path file = dir.resolve("run.sh");
    Files.writeString(file, script);
    return run("bash", file.toString());
  }

  static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(20, TimeUnit.SECONDS);
    return p.exitValue();
  }
}
