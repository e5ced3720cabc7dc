package dev.dpf.provisioning.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.agent.Agent;
import dev.dpf.agent.AgentOptions;
import dev.dpf.agent.host.HostMode;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end with the real host network agent ({@code dpu-agent --mode=host}, in-process) instead of its stand-in:
 * the DPU controller creates the host network pod and waits in {@code Host Network Configuration}; the agent
 * configures the host (sysfs tree and a network namespace prepared like a BlueField host) and reports
 * {@code HostNetworkConfigured}; the DPU goes on to Ready.
 */
@KubeTest
class DpuHostAgentTest {

  DpuTestbed bed;
  HostNetworkSandbox sandbox;
  Agent agent;

  @BeforeEach
  void setUp(KubeTestContext kube) throws Exception {
    bed = new DpuTestbed(kube);
    sandbox = new HostNetworkSandbox();
  }

  @AfterEach
  void tearDown() {
    if (agent != null) {
      agent.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
    bed.close();
  }

  @Test
  void theRealAgentConfiguresTheHostAndTheDpuBecomesReady() throws Exception {
    String host = bed.host(1);
    String name = DpuTestbed.dpuName(host);
    bed.agent.hold(host);
    bed.bfb("bfb", "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb", 1024 * 1024);
    bed.flavor("flavor");
    agent = Agent.start(bed.client, AgentOptions.host(host)
        .withWatchNamespaces(Set.of(bed.ns))
        .withOperatorConfigNamespace(bed.ns)
        .withSysfsRoot(sandbox.sysfs)
        .withNetns(sandbox.netns)
        .withResyncPeriod(Duration.ofSeconds(30))
        .withHealthBindAddress(""), new HostMode());
    bed.start();
    bed.dpu(host, "bfb", d -> {});

    DPU ready = bed.awaitPhase(name, DPUPhase.READY);
    Condition configured = DpuTestbed.cond(ready, DPU.CONDITION_HOST_NETWORK_CONFIGURED);
    assertThat(configured.getStatus()).isEqualTo("True");
    assertThat(configured.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(configured.getMessage()).contains("VF0 ens1f0v0 attached to bridge br-dpu, MTU 9000");
    assertThat(DpuTestbed.cond(ready, DPU.CONDITION_HOST_NETWORK_READY).getMessage())
        .isEqualTo(DPU.MESSAGE_WAITING_FOR_DPU_JOINING_CLUSTER);
    assertThat(sandbox.read("bus/pci/devices/0000:4b:00.0/sriov_numvfs")).isEqualTo("16");
    assertThat(sandbox.link("ens1f0v0")).contains("\"master\":\"br-dpu\"").contains("\"mtu\":9000");
    assertThat(bed.client.pods().withName(name + "-hostnetwork").get()).isNotNull();
  }
}
