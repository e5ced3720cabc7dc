package dev.dpf.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pods/exec transport of {@link PodExecHostOps} against fabric8's mock API server (no kubelet runs in tests): the
 * exact exec request (pod, container, argument vector, no shell) and the failures that do not depend on frame
 * timing. The outcome of a successful exec is not asserted here: the mock sends its frames from a thread pool and
 * may close the socket before the status frame has been read, so the exit code it yields is not deterministic;
 * the command logic on top of the transport is covered by {@link PodExecHostOpsTest}.
 */
@EnableKubernetesMockClient
class PodExecTransportTest {

  KubernetesMockServer server;
  KubernetesClient client;

  private final DpuRef dpu = new DpuRef("dpf", "dpu-a");
  private PodExecHostOps ops;

  @BeforeEach
  void setUp() {
    Pod pod = new PodBuilder().withNewMetadata().withName("dpu-a-dms").withNamespace("dpf").endMetadata()
        .withNewSpec().addNewContainer().withName("dms").endContainer().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build();
    // fabric8 looks the pod up (list by name, then get) before it opens the exec stream
    server.expect().get().withPath("/api/v1/namespaces/dpf/pods/dpu-a-dms").andReturn(200, pod).always();
    server.expect().get().withPath("/api/v1/namespaces/dpf/pods?fieldSelector=metadata.name%3Ddpu-a-dms")
        .andReturn(200, new PodListBuilder().withNewMetadata().withResourceVersion("1").endMetadata().addToItems(pod)
            .build()).always();
    ops = new PodExecHostOps(client, Duration.ofSeconds(10));
  }

  @Test
  void execRequestNamesTheDmsContainerAndTheArgumentVector() {
    server.expect().get()
        .withPath("/api/v1/namespaces/dpf/pods/dpu-a-dms/exec?command=bf-slr.sh&command=4b%3A00&command=reset"
            + "&command=arm&container=dms&stdout=true&stderr=true")
        .andUpgradeToWebSocket().open()
        .waitFor(20).andEmit(new OutputStreamMessage("")).waitFor(40).andEmit(new StatusStreamMessage(0))
        .done().once();

    PodExecHostOps.ExecResult result = runIgnoringFrameRace(List.of("bf-slr.sh", "4b:00", "reset", "arm"));

    assertThat(execRequests()).containsExactly(
        "command=bf-slr.sh&command=4b%3A00&command=reset&command=arm&container=dms&stdout=true&stderr=true");
    if (result != null) {
      assertThat(result.exitCode()).isZero();
    }
  }

  @Test
  void missingPodIsAnErrorNamingThePod() {
    DpuRef other = new DpuRef("dpf", "dpu-b");

    assertThatThrownBy(() -> ops.uptimeSeconds(other)).isInstanceOf(HostOpsException.class)
        .hasMessageContaining("dpf/dpu-b-dms");
  }

  @Test
  void refusedExecIsAnErrorNamingTheCommand() {
    server.expect().get()
        .withPath("/api/v1/namespaces/dpf/pods/dpu-a-dms/exec?command=cat&command=%2Fproc%2Fuptime&container=dms"
            + "&stdout=true&stderr=true")
        .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"message\":\"pods \\\"dpu-a-dms\\\" is forbidden\",\"code\":403}")
        .once();

    assertThatThrownBy(() -> ops.uptimeSeconds(dpu)).isInstanceOf(HostOpsException.class)
        .hasMessageContaining("`cat /proc/uptime`").hasMessageContaining("dpf/dpu-a-dms");
  }

  private PodExecHostOps.ExecResult runIgnoringFrameRace(List<String> command) {
    try {
      return ops.run(dpu, command);
    } catch (HostOpsException e) {
      assertThat(e).hasMessageContaining("ended without an exit status");
      return null;
    }
  }

  private List<String> execRequests() {
    List<String> result = new ArrayList<>();
    int count = server.getRequestCount();
    for (int i = 0; i < count; i++) {
      try {
        var request = server.takeRequest(1, TimeUnit.SECONDS);
        if (request != null && request.getPath().contains("/exec?")) {
          result.add(request.getPath().substring(request.getPath().indexOf('?') + 1));
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    return result;
  }
}
