package dev.dpf.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real {@code ip} command in a real network namespace. */
class IpRoute2Test {

  TestNetns netns;
  IpRoute2 ip;

  @BeforeEach
  void setUp() {
    netns = TestNetns.create();
    ip = new IpRoute2("ip", netns.name, Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    if (netns != null) {
      netns.close();
    }
  }

  @Test
  void readsAndChangesLinks() throws Exception {
    assertThat(ip.link("br-dpu")).isEmpty();
    netns.bridge("br-dpu", "192.0.2.1/24");
    netns.vf("vf0");
    IpRoute2.Link bridge = ip.link("br-dpu").orElseThrow();
    assertThat(bridge.kind()).isEqualTo("bridge");
    assertThat(bridge.up()).isTrue();
    assertThat(ip.ipv4Addresses("br-dpu")).containsExactly("192.0.2.1/24");

    IpRoute2.Link vf = ip.link("vf0").orElseThrow();
    assertThat(vf.kind()).isEqualTo("veth");
    assertThat(vf.master()).isNull();
    assertThat(vf.up()).isFalse();

    ip.setMaster("vf0", "br-dpu");
    ip.setMtu("vf0", 9000);
    ip.setUp("vf0");
    vf = ip.link("vf0").orElseThrow();
    assertThat(vf.master()).isEqualTo("br-dpu");
    assertThat(vf.mtu()).isEqualTo(9000);
    assertThat(vf.up()).isTrue();

    ip.setNoMaster("vf0");
    assertThat(ip.link("vf0").orElseThrow().master()).isNull();
  }

  @Test
  void failuresNameTheCommandAndItsError() throws Exception {
    netns.vf("vf0");
    assertThatThrownBy(() -> ip.setMaster("vf0", "br-missing"))
        .isInstanceOf(HostNetworkException.class)
        .hasMessageContaining("ip -n " + netns.name + " link set dev vf0 master br-missing failed (exit");
    assertThatThrownBy(() -> ip.setMtu("vf0", 10))
        .hasMessageContaining("mtu 10 failed");
    IpRoute2 wrongNamespace = new IpRoute2("ip", netns.name + "-missing", Duration.ofSeconds(10));
    assertThatThrownBy(() -> wrongNamespace.link("vf0"))
        .hasMessageContaining("failed (exit")
        .hasMessageContaining(netns.name + "-missing");
    IpRoute2 noBinary = new IpRoute2("/nonexistent/ip", null, Duration.ofSeconds(10));
    assertThatThrownBy(() -> noBinary.link("lo")).hasMessageContaining("cannot run /nonexistent/ip");
  }

  @Test
  void monitorReportsLinkAndAddressChanges() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (HostLinkMonitor monitor = new HostLinkMonitor(ip.monitorCommand(), seen::add).start()) {
      // the monitor subscribes asynchronously: repeat the change until it is seen
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        netns.ip("link", "add", "probe" + seen.size(), "type", "bridge");
        assertThat(seen).anyMatch(n -> n.startsWith("probe"));
      });
      netns.bridge("br-dpu", "192.0.2.1/24");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(seen).contains("br-dpu"));
    }
  }

  @Test
  void monitorLineParsing() {
    assertThat(HostLinkMonitor.interfaceOf("2: br-dpu: <BROADCAST,MULTICAST> mtu 1500 qdisc noop")).isEqualTo("br-dpu");
    assertThat(HostLinkMonitor.interfaceOf("Deleted 2: br-dpu    inet 192.0.2.1/24 scope global br-dpu"))
        .isEqualTo("br-dpu");
    assertThat(HostLinkMonitor.interfaceOf("5: vf0@vf0p: <BROADCAST,MULTICAST,M-DOWN> mtu 1500")).isEqualTo("vf0");
    assertThat(HostLinkMonitor.interfaceOf("    link/ether a2:8e:1d:18:7b:34 brd ff:ff:ff:ff:ff:ff")).isNull();
    assertThat(HostLinkMonitor.interfaceOf("       valid_lft forever preferred_lft forever")).isNull();
  }
}
