package dev.dpf.agent.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.agent.ovs.OvsSandbox;
import dev.dpf.agent.ovs.OvsTest;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traffic through a chain: two network namespaces ("hosts") whose veths are attached to br-sfc as physical
 * ServiceInterfaces. Without a chain br-sfc ({@code fail_mode=secure}) drops everything; the chain's learning switch
 * lets ping through; deleting the chain stops it again. Addresses are TEST-NET-1 inside namespaces this test creates.
 */
@KubeTest
@OvsTest
class ChainTrafficTest {

  OvsSandbox ovs;
  AgentFixture f;
  final List<String> namespaces = new ArrayList<>();
  final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);

  @BeforeEach
  void start(KubeTestContext kube, OvsSandbox sandbox) {
    Assumptions.assumeTrue(sandbox.netns() != null, "network namespaces cannot be created here (not root?)");
    Assumptions.assumeTrue(OvsSandbox.which("ping") != null, "ping not installed (apt-get install iputils-ping)");
    ovs = sandbox;
    ovs.addBridge("br-sfc");
    f = new AgentFixture(kube, sandbox, "");
  }

  @AfterEach
  void stop() throws Exception {
    if (f != null) {
      f.close();
    }
    for (String ns : namespaces) {
      run("ip", "netns", "del", ns);
    }
  }

  /** A namespace with eth0 = address, whose veth peer {@code port} lives in the OVS namespace. */
  void host(String name, String port, String address) throws Exception {
    String ns = name + suffix;
    run("ip", "netns", "add", ns);
    namespaces.add(ns);
    ovs.ip("link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
    ovs.ip("link", "set", port, "up");
    run("ip", "-n", ns, "addr", "add", address + "/24", "dev", "eth0");
    run("ip", "-n", ns, "link", "set", "eth0", "up");
    run("ip", "-n", ns, "link", "set", "lo", "up");
  }

  boolean ping(String from, String to) throws Exception {
    return run("ip", "netns", "exec", from + suffix, "ping", "-c", "1", "-W", "1", to) == 0;
  }

  @Test
  void aChainLetsTrafficThroughAndItsDeletionStopsIt() throws Exception {
    String a = "ta" + suffix;
    String b = "tb" + suffix;
    host("hosta", a, "192.0.2.1");
    host("hostb", b, "192.0.2.2");
    f.createSi("a-" + f.node, Map.of("host", "a"), Objects.physical(a));
    f.createSi("b-" + f.node, Map.of("host", "b"), Objects.physical(b));
    f.awaitSiReady("a-" + f.node);
    f.awaitSiReady("b-" + f.node);
    assertThat(ping("hosta", "192.0.2.2")).as("no chain: br-sfc is fail_mode=secure").isFalse();

    f.createChain(Objects.chain(f.ns, "ab-" + f.node, f.node, List.of(Map.of("host", "a"), Map.of("host", "b"))));
    f.awaitChainReady("ab-" + f.node);
    await().atMost(Duration.ofSeconds(20)).until(() -> ping("hosta", "192.0.2.2"));
    assertThat(ping("hostb", "192.0.2.1")).isTrue();
    assertThat(f.flowsOf("ab-" + f.node)).as("learned flows carry the chain's cookie")
        .anyMatch(l -> l.contains("idle_timeout=10"));

    Process flood = new ProcessBuilder("ip", "netns", "exec", "hosta" + suffix, "ping", "-i", "0.05", "-c", "60",
        "-W", "1", "192.0.2.2").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    f.client.resources(ServiceChain.class).inNamespace(f.ns).withName("ab-" + f.node).delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> f.chain("ab-" + f.node) == null);
    assertThat(f.flowsOf("ab-" + f.node)).as("static and learned flows of the cookie").isEmpty();
    flood.destroy();
    flood.waitFor(5, TimeUnit.SECONDS);
    assertThat(ping("hosta", "192.0.2.2")).isFalse();
    assertThat(ping("hostb", "192.0.2.1")).isFalse();
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
