package dev.dpf.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo end to end with two hosts (what {@code hack/demo.sh --hosts 2} does, in-process) and checks that what
 * has landed becomes Ready, that pods run on the simulated hosts, and that nothing is left behind. Tagged
 * {@code demo}: it takes about a minute, so {@code hack/test.sh} runs it on its own.
 */
@Tag("demo")
class DemoSmokeTest {

  /** Kinds whose controllers are part of the build: they must become Ready. */
  static final Set<String> EXPECTED_READY = Set.of("DPFOperatorConfig", "BFB", "DPUCluster", "DPUFlavor",
      "DPUService", "DPUServiceInterface", "DPUServiceChain");

  @Test
  void twoHostsBecomeReadyAndNothingIsLeftBehind() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new Tee(captured, System.out), true, StandardCharsets.UTF_8);
    DemoOptions options = new DemoOptions(2, 1, Set.of(), false, Duration.ofSeconds(45), DemoOptions.HOST_NETWORK_AUTO,
        null, null, false, 4L * 1024 * 1024, out);
    Demo demo = new Demo(options);
    long pid = ProcessHandle.current().pid();
    Path workDir;
    Demo.Result result;
    try {
      demo.start();
      workDir = demo.workDir();
      Path kubeconfig = workDir.resolve("control-plane/host/admin.kubeconfig");
      try (KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
        // pods on the simulated hosts run: kwok plays the kubelet, the scheduler stand-in binds them
        client.apps().daemonSets().inNamespace("default").resource(daemonSet()).create();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          List<Pod> pods = client.pods().inNamespace("default").withLabel("app", "smoke").list().getItems();
          assertThat(pods).hasSize(2).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
          assertThat(pods).extracting(p -> p.getSpec().getNodeName()).containsExactlyInAnyOrder("worker-1", "worker-2");
        });
      }
      result = demo.awaitSettled();
      demo.report(result);
    } finally {
      demo.close();
    }

    for (String kind : EXPECTED_READY) {
      assertThat(result.states()).as(kind).anySatisfy(s -> assertThat(s.kind()).isEqualTo(kind));
      assertThat(result.states().stream().filter(s -> s.kind().equals(kind)))
          .as("every %s is Ready", kind).allSatisfy(s -> assertThat(s.ready()).as(s.toString()).isTrue());
    }
    if (result.states().stream().allMatch(Progress.ObjectState::ready)) {
      assertThat(result.settled()).isTrue();
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("host network: " + ("real".equals(result.hostNetworkMode()) ? "REAL" : "STAND-IN"))
        .contains("applied DPUSet/dpuset").contains("demo finished");

    // nothing left: no child process (control plane, kwok, ip monitor, dpfctl), no network namespace, no work dir
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(p -> p.info().commandLine()
        .orElse(String.valueOf(p.pid())))).isEmpty();
    assertThat(Exec.run("ip", "netns", "list").output()).doesNotContain(HostNetworks.NETNS_PREFIX + pid + "-");
    assertThat(workDir).doesNotExist();
  }

  private static DaemonSet daemonSet() {
    return new DaemonSetBuilder()
        .withNewMetadata().withName("smoke").endMetadata()
        .withNewSpec()
          .withNewSelector().addToMatchLabels("app", "smoke").endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", "smoke").endMetadata()
            .withNewSpec()
              .addToNodeSelector("feature.node.kubernetes.io/dpu-enabled", "true")
              .addNewContainer().withName("pause").withImage("registry.k8s.io/pause:3.10").endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
