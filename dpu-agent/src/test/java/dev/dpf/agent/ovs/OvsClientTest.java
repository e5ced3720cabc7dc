package dev.dpf.agent.ovs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OvsClient} against a real ovsdb-server and ovs-vswitchd. */
@OvsTest
class OvsClientTest {

  OvsSandbox ovs;
  OvsClient client;

  @BeforeEach
  void setUp(OvsSandbox sandbox) {
    ovs = sandbox;
    ovs.addBridge("br-sfc");
    client = new OvsClient(ovs.settings());
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void addPortIsIdempotentAndAttachesToTheBridge() throws Exception {
    assertThat(client.addPort("br-sfc", new Ovs.PortSpec("pf0hpf", "internal", Map.of()))).isTrue();
    assertThat(client.addPort("br-sfc", new Ovs.PortSpec("pf0hpf", "internal", Map.of()))).isFalse();
    assertThat(ovs.vsctl("list-ports", "br-sfc").trim()).isEqualTo("pf0hpf");
    assertThat(ovs.vsctl("get", "Interface", "pf0hpf", "type").trim()).isEqualTo("internal");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(client.state().iface("pf0hpf").orElseThrow().ofport()).isPositive());
  }

  @Test
  void aPortOnAnotherBridgeIsLeftAlone() throws Exception {
    ovs.addBridge("br-hbn");
    ovs.vsctl("add-port", "br-hbn", "x1", "--", "set", "Interface", "x1", "type=internal");
    assertThat(client.addPort("br-sfc", new Ovs.PortSpec("x1", "internal", Map.of()))).isFalse();
    assertThat(ovs.vsctl("port-to-br", "x1").trim()).isEqualTo("br-hbn");
  }

  @Test
  void missingBridgeFails() {
    assertThatThrownBy(() -> client.addPort("br-nope", new Ovs.PortSpec("y", "internal", Map.of())))
        .isInstanceOf(OvsException.class).hasMessageContaining("bridge br-nope does not exist");
    assertThat(ovs.vsctl("--columns=name", "find", "Port", "name=y").trim()).isEmpty();
  }

  @Test
  void externalIdsAreInsertOnly() throws Exception {
    client.addPort("br-sfc", new Ovs.PortSpec("p0", "internal", Map.of()));
    client.insertInterfaceExternalIds("p0", Map.of("dpf-id", "ns/first"));
    client.insertInterfaceExternalIds("p0", Map.of("dpf-id", "ns/second", "other", "x"));
    client.insertPortExternalIds("p0", Map.of("dpf-type", "physical"));
    assertThat(ovs.vsctl("get", "Interface", "p0", "external_ids:dpf-id").trim()).isEqualTo("\"ns/first\"");
    assertThat(ovs.vsctl("get", "Interface", "p0", "external_ids:other").trim()).isEqualTo("x");
    assertThat(ovs.vsctl("get", "Port", "p0", "external_ids:dpf-type").trim()).isEqualTo("physical");
    assertThatThrownBy(() -> client.insertInterfaceExternalIds("nope", Map.of("a", "b")))
        .hasMessageContaining("Interface nope does not exist");
  }

  @Test
  void patchPairAndDelete() throws Exception {
    ovs.addBridge("br-ovn");
    client.addPort("br-ovn", new Ovs.PortSpec("b-to-a", "patch", Map.of()));
    client.addPort("br-sfc", new Ovs.PortSpec("a-to-b", "patch", Map.of("peer", "b-to-a")));
    client.setInterfaceOptions("b-to-a", Map.of("peer", "a-to-b"));
    assertThat(ovs.vsctl("get", "Interface", "b-to-a", "options:peer").trim()).isEqualTo("a-to-b");
    OvsState state = client.state();
    assertThat(state.hasPort("br-sfc", "a-to-b")).isTrue();
    assertThat(state.bridgeOf(state.port("b-to-a").orElseThrow()).orElseThrow().name()).isEqualTo("br-ovn");
    assertThat(client.deletePort("br-sfc", "b-to-a")).isFalse();
    assertThat(client.deletePort("br-sfc", "a-to-b")).isTrue();
    assertThat(client.deletePort("br-sfc", "a-to-b")).isFalse();
    assertThat(ovs.vsctl("list-ports", "br-sfc").trim()).isEmpty();
    assertThat(ovs.vsctl("--columns=name", "find", "Interface", "name=a-to-b").trim()).isEmpty();
  }

  @Test
  void bundleDumpAndDeleteByCookie() throws Exception {
    client.bundle("br-sfc", List.of(
        "add cookie=5, table=0, priority=0, in_port=1 actions=resubmit(,1)",
        "add cookie=5, table=1, priority=2, in_port=1, dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=output:2",
        "add cookie=7, table=0, priority=0, in_port=2 actions=output:1"));
    List<OfFlow> flows = client.dumpFlows("br-sfc");
    assertThat(flows).extracting(OfFlow::cookie).containsExactlyInAnyOrder(5L, 5L, 7L);
    assertThat(flows).extracting(OfFlow::key).contains("1/2/dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,in_port=1");
    client.deleteFlows("br-sfc", List.of(5L));
    assertThat(client.dumpFlows("br-sfc")).extracting(OfFlow::cookie).containsExactly(7L);
  }

  @Test
  void aBadBundleChangesNothing() throws Exception {
    client.bundle("br-sfc", List.of("add cookie=9, table=0, priority=1, in_port=1 actions=drop"));
    assertThatThrownBy(() -> client.bundle("br-sfc", List.of(
        "delete cookie=9/-1",
        "add cookie=9, table=0, priority=1, in_port=1 actions=output:NOPE")))
        .isInstanceOf(OvsException.class);
    assertThat(client.dumpFlows("br-sfc")).extracting(OfFlow::cookie).containsExactly(9L);
  }

  @Test
  void watchReportsChangesAndVswitchdRestarts() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (AutoCloseable watch = client.watch("br-sfc", new OvsListener() {
      @Override
      public void connected(boolean openflow, String datapathId) {
        seen.add(openflow ? "of-connected:" + datapathId : "ovsdb-connected");
      }

      @Override
      public void disconnected(boolean openflow, String reason) {
        seen.add(openflow ? "of-lost" : "ovsdb-lost");
      }

      @Override
      public void changed() {
        seen.add("changed");
      }
    })) {
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("ovsdb-connected")
          && seen.stream().anyMatch(s -> s.startsWith("of-connected:")));
      seen.clear();
      ovs.vsctl("add-port", "br-sfc", "w1", "--", "set", "Interface", "w1", "type=internal");
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("changed"));
      ovs.restartVswitchd();
      await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("of-lost")
          && seen.stream().anyMatch(s -> s.startsWith("of-connected:")));
      seen.clear();
      ovs.restartAll();
      await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("ovsdb-lost")
          && seen.contains("ovsdb-connected") && seen.stream().anyMatch(s -> s.startsWith("of-connected:")));
    }
  }
}
