package dev.dpf.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.agent.dpu.AgentConfig;
import dev.dpf.agent.dpu.DpuModeAgent;
import dev.dpf.agent.ovs.OvsClient;
import dev.dpf.agent.ovs.OvsSandbox;
import dev.dpf.agent.ovs.OvsTest;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.servicechain.ServiceChainModule;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Service chaining end to end, every part real: DPUServiceInterfaces and a DPUServiceChain in the host cluster are
 * mirrored by the operator into a DPU cluster (a second API server) as Sets, expanded into per-node objects for the
 * DPU node, and the node agent (DPU mode) programs a real Open vSwitch: ping between two network namespaces attached
 * to br-sfc passes through the chain and stops when the chain is deleted; deleting everything leaves no object,
 * port or flow behind.
 */
@KubeTest
@OvsTest
class ServiceChainEndToEndTest {

  static final KubernetesSerialization YAML = new KubernetesSerialization();
  static final Duration WAIT = Duration.ofSeconds(60);

  final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
  final List<String> namespaces = new ArrayList<>();
  ControllerHarness harness;
  DpuModeAgent agent;

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (harness != null) {
      harness.close();
    }
    for (String ns : namespaces) {
      run("ip", "netns", "del", ns);
    }
  }

  @Test
  void hostObjectsBecomeOvsFlowsThatCarryTrafficUntilTheChainIsDeleted(KubeTestContext kube, OvsSandbox ovs)
      throws Exception {
    Assumptions.assumeTrue(ovs.netns() != null, "network namespaces cannot be created here (not root?)");
    Assumptions.assumeTrue(OvsSandbox.which("ping") != null, "ping not installed");
    String ns = kube.namespace();
    String node = "dpu-node-" + suffix;
    KubernetesClient host = kube.client();
    KubernetesClient dpu = kube.dpuClient(1);

    // the DPU cluster and its DPU node; the operator with the service-chain controllers
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    dpu.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
        .addToLabels("bfb", "dk").endMetadata().build()).create();
    harness = ControllerHarness.start(kube, new ServiceChainModule()::register);

    // the DPU's OVS: br-sfc, and two "uplinks" whose far ends are network namespaces (plain netdevs: the
    // userspace datapath here has no DPDK, which real DPU representors use)
    ovs.addBridge("br-sfc");
    String a = "pa" + suffix;
    String b = "pb" + suffix;
    attachHost("hosta", a, "192.0.2.1", ovs);
    attachHost("hostb", b, "192.0.2.2", ovs);
    agent = new DpuModeAgent(dpu, node, new OvsClient(ovs.settings()),
        AgentConfig.defaults().withRepresentorInterfaceType("").withWatchNamespaces(Set.of(ns))
            .withStaleRemovalPeriod(Duration.ofHours(1)),
        Clock.systemUTC(), Metrics.NOOP);
    agent.start();

    // upstream-style host objects: two physical interfaces and a chain between them
    host.resource(YAML.unmarshal(physicalInterface("uplink-a", a, "a"), DPUServiceInterface.class)).create();
    host.resource(YAML.unmarshal(physicalInterface("uplink-b", b, "b"), DPUServiceInterface.class)).create();
    host.resource(YAML.unmarshal(chain("a-to-b"), DPUServiceChain.class)).create();

    await().atMost(WAIT).untilAsserted(() -> {
      ServiceInterface si = dpu.resources(ServiceInterface.class).inNamespace(ns).withName("uplink-a-" + node).get();
      assertThat(si).as("per-node ServiceInterface in the DPU cluster").isNotNull();
      assertThat(StatusConditions.isTrue(si.getStatus(), Conditions.READY)).as(YAML.asYaml(si)).isTrue();
      ServiceChain chain = dpu.resources(ServiceChain.class).inNamespace(ns).withName("a-to-b-" + node).get();
      assertThat(chain).as("per-node ServiceChain in the DPU cluster").isNotNull();
      assertThat(StatusConditions.isTrue(chain.getStatus(), Conditions.READY)).as(YAML.asYaml(chain)).isTrue();
    });
    await().atMost(WAIT).untilAsserted(() -> {
      DPUServiceChain chain = host.resources(DPUServiceChain.class).withName("a-to-b").get();
      assertThat(StatusConditions.isTrue(chain.getStatus(), Conditions.READY))
          .as("host chain Ready: %s\nSet: %s", YAML.asYaml(chain.getStatus()), YAML.asYaml(dpu.resources(
              dev.dpf.api.svc.v1alpha1.ServiceChainSet.class).inNamespace(ns).withName("a-to-b").get())).isTrue();
    });
    assertThat(ovs.vsctl("--format=csv", "--data=bare", "--no-headings", "--columns=name", "list", "Interface"))
        .contains(a).contains(b);
    await().atMost(WAIT).until(() -> ping("hosta", "192.0.2.2"));

    host.resources(DPUServiceChain.class).withName("a-to-b").delete();
    await().atMost(WAIT).until(() -> host.resources(DPUServiceChain.class).withName("a-to-b").get() == null);
    await().atMost(WAIT).until(() -> dpu.resources(ServiceChain.class).inNamespace(ns).list().getItems().isEmpty());
    await().atMost(WAIT).until(() -> !ping("hosta", "192.0.2.2"));
    assertThat(ovs.flows("br-sfc")).as("no flow of the chain is left").noneMatch(l -> l.contains("cookie=0x")
        && !l.contains("cookie=0x0,"));

    host.resources(DPUServiceInterface.class).withName("uplink-a").delete();
    host.resources(DPUServiceInterface.class).withName("uplink-b").delete();
    await().atMost(WAIT).until(() -> host.resources(DPUServiceInterface.class).list().getItems().isEmpty());
    await().atMost(WAIT).until(() -> dpu.resources(ServiceInterface.class).inNamespace(ns).list().getItems()
        .isEmpty());
    await().atMost(WAIT).until(() -> dpu.resources(dev.dpf.api.svc.v1alpha1.ServiceInterfaceSet.class)
        .inNamespace(ns).list().getItems().isEmpty()
        && dpu.resources(dev.dpf.api.svc.v1alpha1.ServiceChainSet.class).inNamespace(ns).list().getItems()
            .isEmpty());
  }

  static String physicalInterface(String name, String port, String host) {
    return """
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUServiceInterface
        metadata:
          name: %s
        spec:
          template:
            spec:
              nodeSelector:
                matchLabels:
                  bfb: dk
              template:
                metadata:
                  labels:
                    uplink: %s
                spec:
                  interfaceType: physical
                  physical:
                    interfaceName: %s
        """.formatted(name, host, port);
  }

  static String chain(String name) {
    return """
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUServiceChain
        metadata:
          name: %s
        spec:
          template:
            spec:
              nodeSelector:
                matchLabels:
                  bfb: dk
              template:
                spec:
                  switches:
                  - ports:
                    - serviceInterface:
                        matchLabels:
                          uplink: a
                    - serviceInterface:
                        matchLabels:
                          uplink: b
        """.formatted(name);
  }

  void attachHost(String name, String port, String address, OvsSandbox ovs) throws Exception {
    String netns = name + suffix;
    run("ip", "netns", "add", netns);
    namespaces.add(netns);
    ovs.ip("link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", netns);
    ovs.ip("link", "set", port, "up");
    run("ip", "-n", netns, "addr", "add", address + "/24", "dev", "eth0");
    run("ip", "-n", netns, "link", "set", "eth0", "up");
    run("ip", "-n", netns, "link", "set", "lo", "up");
  }

  boolean ping(String from, String to) throws Exception {
    return run("ip", "netns", "exec", from + suffix, "ping", "-c", "1", "-W", "1", to) == 0;
  }

  static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
