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
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PodExecHostOps} against fabric8's mock API server with exec expectations: no kubelet runs in tests, so
 * this is the tier where the exact exec requests (pod, container, argument vector) and the exit-status handling are
 * checked.
 */
@EnableKubernetesMockClient
class PodExecHostOpsTest {

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
  void uptimeRunsCatProcUptimeInTheDmsContainer() {
    expectExec(List.of("cat", "/proc/uptime"), new OutputStreamMessage("35432.17 70120.55\n"), new StatusStreamMessage(0));

    assertThat(ops.uptimeSeconds(dpu)).isEqualTo(35432L);
  }

  @Test
  void powerCycleRunsIpmitool() {
    expectExec(List.of("ipmitool", "chassis", "power", "cycle"), new OutputStreamMessage("Chassis Power Control: Cycle\n"),
        new StatusStreamMessage(0));
    expectExec(List.of("ipmitool", "chassis", "power", "reset"), new StatusStreamMessage(0));

    ops.powerCycle(dpu, PowerAction.CYCLE);
    ops.powerCycle(dpu, PowerAction.RESET);

    assertThat(execRequests()).containsExactly(
        "command=ipmitool&command=chassis&command=power&command=cycle",
        "command=ipmitool&command=chassis&command=power&command=reset");
  }

  @Test
  void warmRebootShutsTheArmDownThenRebootsTheHost() {
    expectExec(List.of("bf-slr.sh", "4b:00", "reset", "arm"), new StatusStreamMessage(0));
    expectExec(List.of("bf-slr.sh", "4b:00", "reset", "host"), new StatusStreamMessage(0));

    ops.warmReboot(dpu, "4b:00", PowerAction.RESET);

    assertThat(execRequests()).containsExactly(
        "command=bf-slr.sh&command=4b%3A00&command=reset&command=arm",
        "command=bf-slr.sh&command=4b%3A00&command=reset&command=host");
  }

  @Test
  void nonZeroExitIsAnErrorWithStderr() {
    expectExec(List.of("ipmitool", "chassis", "power", "cycle"),
        new ErrorStreamMessage("Could not open device at /dev/ipmi0\n"), new StatusStreamMessage(1));

    assertThatThrownBy(() -> ops.powerCycle(dpu, PowerAction.CYCLE))
        .isInstanceOf(HostOpsException.class)
        .hasMessageContaining("`ipmitool chassis power cycle` in pod dpf/dpu-a-dms exited with code 1")
        .hasMessageContaining("Could not open device at /dev/ipmi0");
  }

  @Test
  void failedArmStepStopsBeforeTheHostStep() {
    expectExec(List.of("bf-slr.sh", "4b:00", "cycle", "arm"), new StatusStreamMessage(2));

    assertThatThrownBy(() -> ops.warmReboot(dpu, "4b:00", PowerAction.CYCLE))
        .isInstanceOf(HostOpsException.class).hasMessageContaining("exited with code 2");
    assertThat(execRequests()).hasSize(1);
  }

  @Test
  void garbageUptimeIsAnError() {
    expectExec(List.of("cat", "/proc/uptime"), new OutputStreamMessage("oops"), new StatusStreamMessage(0));

    assertThatThrownBy(() -> ops.uptimeSeconds(dpu)).isInstanceOf(HostOpsException.class)
        .hasMessageContaining("cannot parse the output of `cat /proc/uptime`");
  }

  @Test
  void missingPodIsAnError() {
    DpuRef other = new DpuRef("dpf", "dpu-b");

    assertThatThrownBy(() -> ops.uptimeSeconds(other)).isInstanceOf(HostOpsException.class)
        .hasMessageContaining("dpf/dpu-b-dms");
  }

  @Test
  void pciAddressIsValidated() {
    assertThatThrownBy(() -> ops.warmReboot(dpu, "--help", PowerAction.CYCLE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void expectExec(List<String> command, Object... messages) {
    String query = command.stream().map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    var session = server.expect().get()
        .withPath("/api/v1/namespaces/dpf/pods/dpu-a-dms/exec?" + query + "&container=dms&stdout=true&stderr=true")
        .andUpgradeToWebSocket().open();
    // The mock server schedules every frame on a thread pool and closes the socket as soon as no frame is pending:
    // a frame sent "immediately" can go out, and empty the pending set, before the next one has been scheduled,
    // which closes the socket early. So no frame goes out before all are scheduled, and they go out in order.
    var emitting = session.waitFor(50).andEmit(messages[0]);
    for (int i = 1; i < messages.length; i++) {
      emitting = emitting.waitFor(50 + 20L * i).andEmit(messages[i]);
    }
    emitting.done().once();
  }

  private List<String> execRequests() {
    List<String> result = new java.util.ArrayList<>();
    int count = server.getRequestCount();
    for (int i = 0; i < count; i++) {
      try {
        var request = server.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS);
        if (request != null && request.getPath().contains("/exec?")) {
          String query = request.getPath().substring(request.getPath().indexOf('?') + 1);
          result.add(query.substring(0, query.indexOf("&container=")));
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    return result;
  }
}
