package dev.dpf.agent.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.agent.ovs.OvsSandbox;
import dev.dpf.agent.ovs.OvsTest;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DPU-mode agent end to end: ServiceInterfaces and ServiceChains in a real API server, programmed into a real
 * Open vSwitch and read back with ovs-vsctl / ovs-ofctl.
 */
@KubeTest
@OvsTest
class DpuModeAgentTest {

  static final String SERVICE = ChainLabels.SERVICE;

  AgentFixture f;
  OvsSandbox ovs;

  @BeforeEach
  void start(KubeTestContext kube, OvsSandbox sandbox) {
    ovs = sandbox;
    ovs.addBridge("br-sfc");
    f = new AgentFixture(kube, sandbox, "internal");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  String vsctl(String... args) {
    return ovs.vsctl(args).trim();
  }

  @Test
  void interfacesBecomePortsWithTheirExternalIds() {
    ovs.addBridge("br-ovn");
    ovs.addBridge("br-hbn");
    String n = f.node;
    f.createSi("p0-" + n, Map.of("uplink", "p0"), Objects.physical("up0"));
    f.createSi("pf0-" + n, Map.of(), Objects.pf(0));
    f.createSi("vf3-" + n, Map.of(), Objects.vf(0, 3));
    f.createSi("ovn-" + n, Map.of(), Objects.ovn(null));
    f.createSi("patch-" + n, Map.of(), Objects.patch("br-hbn", null, Map.of("team", "net")));
    f.createSi("svc-" + n, Map.of(), Objects.service("example-service", "eth1"));
    f.createSi("vlan-" + n, Map.of(), Objects.vlan());
    for (String name : List.of("p0", "pf0", "vf3", "ovn", "patch", "svc", "vlan")) {
      f.awaitSiReady(name + "-" + n);
    }
    String hash = String.format("%08x", Fnv.fnv1a32(f.ns + "/patch-" + n));
    assertThat(vsctl("list-ports", "br-sfc").split("\n")).containsExactlyInAnyOrder("up0", "pf0hpf", "pf0vf3",
        "puplinkbrsfctobrovn", "p_brsfc_to_brhbn_" + hash);
    assertThat(vsctl("list-ports", "br-ovn")).isEqualTo("puplinkbrovntobrsfc");
    assertThat(vsctl("list-ports", "br-hbn")).isEqualTo("p_brhbn_to_brsfc_" + hash);
    assertThat(vsctl("get", "Interface", "up0", "external_ids:dpf-id")).isEqualTo("\"" + f.ns + "/p0-" + n + "\"");
    assertThat(vsctl("get", "Port", "up0", "external_ids:dpf-type")).isEqualTo("physical");
    assertThat(vsctl("get", "Interface", "pf0hpf", "type")).isEqualTo("internal");
    assertThat(vsctl("get", "Interface", "pf0vf3", "external_ids:dpf-id")).isEqualTo("\"" + f.ns + "/vf3-" + n + "\"");
    assertThat(vsctl("get", "Interface", "puplinkbrsfctobrovn", "options:peer")).isEqualTo("puplinkbrovntobrsfc");
    assertThat(vsctl("get", "Interface", "puplinkbrovntobrsfc", "options:peer")).isEqualTo("puplinkbrsfctobrovn");
    assertThat(vsctl("get", "Interface", "puplinkbrovntobrsfc", "type")).isEqualTo("patch");
    assertThat(vsctl("get", "Interface", "p_brhbn_to_brsfc_" + hash, "external_ids"))
        .isEqualTo("{dpf-id=\"" + f.ns + "/patch-" + n + "\", team=net}");

    // deletion removes the ports; a physical port with the noop annotation stays
    f.client.resources(ServiceInterface.class).inNamespace(f.ns).withName("p0-" + n).edit(si -> {
      si.getMetadata().setAnnotations(Map.of(ChainLabels.NOOP_PHYSICAL_REMOVAL, ""));
      return si;
    });
    for (String name : List.of("p0", "pf0", "ovn", "patch")) {
      f.client.resources(ServiceInterface.class).inNamespace(f.ns).withName(name + "-" + n).delete();
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(f.si("pf0-" + n)).isNull();
      assertThat(f.si("ovn-" + n)).isNull();
      assertThat(f.si("patch-" + n)).isNull();
      assertThat(f.si("p0-" + n)).isNull();
    });
    assertThat(vsctl("list-ports", "br-sfc").split("\n")).containsExactlyInAnyOrder("up0", "pf0vf3");
    assertThat(vsctl("list-ports", "br-ovn")).isEmpty();
    assertThat(vsctl("list-ports", "br-hbn")).isEmpty();
  }

  @Test
  void externalIdsAreNeverOverwritten() {
    ovs.vsctl("add-port", "br-sfc", "up1", "--", "set", "Interface", "up1", "type=internal",
        "external_ids:dpf-id=someone/else");
    f.createSi("p1-" + f.node, Map.of(), Objects.physical("up1"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Condition c = AgentFixture.condition(f.si("p1-" + f.node),
          ServiceInterface.CONDITION_SERVICE_INTERFACE_RECONCILED);
      assertThat(c).isNotNull();
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo(Conditions.REASON_ERROR);
      assertThat(c.getMessage()).isEqualTo("Error occurred: interface up1 already carries external_ids:dpf-id="
          + "someone/else (one ServiceInterface per port; external_ids are never overwritten)");
      assertThat(f.warnings("p1-" + f.node)).isNotEmpty();
    });
    assertThat(vsctl("get", "Interface", "up1", "external_ids:dpf-id")).isEqualTo("\"someone/else\"");
  }

  @Test
  void missingBridgeIsAConditionUntilTheBridgeAppears() {
    ovs.vsctl("del-br", "br-sfc");
    f.createSi("pf1-" + f.node, Map.of(), Objects.pf(1));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ServiceInterface si = f.si("pf1-" + f.node);
      Condition c = AgentFixture.condition(si, ServiceInterface.CONDITION_SERVICE_INTERFACE_RECONCILED);
      assertThat(c).isNotNull();
      assertThat(c.getMessage()).isEqualTo("Error occurred: bridge br-sfc does not exist");
      Condition ready = AgentFixture.condition(si, Conditions.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo(Conditions.REASON_PENDING);
      assertThat(ready.getMessage()).isEqualTo("The following conditions are not ready: ServiceInterfaceReconciled");
      assertThat(f.warnings("pf1-" + f.node)).extracting(e -> e.getReason()).contains("ReconcileError");
    });
    ovs.addBridge("br-sfc");
    f.awaitSiReady("pf1-" + f.node);
    assertThat(vsctl("list-ports", "br-sfc")).isEqualTo("pf1hpf");
  }

  @Test
  void otherNodesAreIgnored() {
    f.client.resource(Objects.si(f.ns, "elsewhere", "another-node", Map.of(), Objects.pf(2))).create();
    f.createSi("mine-" + f.node, Map.of(), Objects.pf(3));
    f.awaitSiReady("mine-" + f.node);
    ServiceInterface other = f.si("elsewhere");
    assertThat(other.getMetadata().getFinalizers()).isEmpty();
    assertThat(other.getStatus()).isNull();
    assertThat(vsctl("list-ports", "br-sfc")).isEqualTo("pf3hpf");
  }

  @Test
  void chainFlowsFollowTheObjects() {
    String n = f.node;
    f.createSi("p0-" + n, Map.of("uplink", "p0"), Objects.physical("up0"));
    f.createSi("vf1-" + n, Map.of("vf", "1"), Objects.vf(0, 1));
    f.createSi("vf2-" + n, Map.of("vf", "2"), Objects.vf(0, 2));
    f.createChain(Objects.chain(f.ns, "chain-" + n, n,
        List.of(Map.of("uplink", "p0"), Map.of("vf", "1")),
        List.of(Map.of("vf", "2"), Map.of("missing", "yes"))));
    // the second switch has an unresolvable port: reported, the first switch is programmed anyway
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ServiceChain chain = f.chain("chain-" + n);
      assertThat(chain.getMetadata().getFinalizers()).contains(ServiceChain.FINALIZER);
      Condition c = AgentFixture.condition(chain, ServiceChain.CONDITION_SERVICE_CHAIN_RECONCILED);
      assertThat(c).isNotNull();
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getMessage()).isEqualTo("Error occurred: no serviceInterface in namespace(" + f.ns
          + ") matching labels(map[missing:yes]) on node(" + n + ") found");
      assertThat(f.staticFlowsOf("chain-" + n)).hasSize(6);
      assertThat(f.warnings("chain-" + n)).isNotEmpty();
    });
    long up0 = ofport("up0");
    long vf1 = ofport("pf0vf1");
    assertThat(f.staticFlowsOf("chain-" + n)).contains(
        "cookie=0x" + Long.toHexString(Fnv.chainCookie(f.ns, "chain-" + n)) + ", table=1, priority=0,in_port="
            + up0 + " actions=output:" + vf1);

    // the missing interface appears (a service port created by the CNI for a pod on this node)
    f.client.resource(Objects.pod(f.ns, "svc-pod", n, Map.of(SERVICE, "svc", ChainLabels.CUSTOM_FLOWS, "firefly")))
        .create();
    ovs.vsctl("add-port", "br-sfc", "svcrep", "--", "set", "Interface", "svcrep", "type=internal",
        "external_ids:dpf-id=" + f.ns + "/svc-pod/eth1", "--", "set", "Port", "svcrep",
        "external_ids:owner=ovs-cni.network.kubevirt.io");
    f.createSi("svc-" + n, Map.of("missing", "yes"), Objects.service("svc", "eth1"));
    f.awaitChainReady("chain-" + n);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(f.staticFlowsOf("chain-" + n)).hasSize(12));

    // a spec change re-programs atomically: obsolete flows go, the new ones come
    f.client.resources(ServiceChain.class).inNamespace(f.ns).withName("chain-" + n).edit(c -> {
      c.getSpec().getSwitches().remove(1);
      return c;
    });
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(f.staticFlowsOf("chain-" + n)).hasSize(6);
      assertThat(f.chain("chain-" + n).getStatus().getObservedGeneration()).isEqualTo(2L);
    });

    // deletion removes every flow of the cookie, then the finalizer
    f.client.resources(ServiceChain.class).inNamespace(f.ns).withName("chain-" + n).delete();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(f.chain("chain-" + n)).isNull();
      assertThat(f.flowsOf("chain-" + n)).isEmpty();
    });
  }

  @Test
  void fireflyPodsGetThePtpFlows() {
    String n = f.node;
    f.createSi("p0-" + n, Map.of("uplink", "p0"), Objects.physical("up0"));
    f.createSi("svc-" + n, Map.of("svc", "x"), Objects.service("ptp", "eth1"));
    f.client.resource(Objects.pod(f.ns, "ptp-pod", n, Map.of(SERVICE, "ptp", ChainLabels.CUSTOM_FLOWS, "firefly")))
        .create();
    ovs.vsctl("add-port", "br-sfc", "ptprep", "--", "set", "Interface", "ptprep", "type=internal",
        "external_ids:dpf-id=" + f.ns + "/ptp-pod/eth1", "--", "set", "Port", "ptprep",
        "external_ids:owner=ovs-cni.network.kubevirt.io");
    f.createChain(Objects.chain(f.ns, "ptp-" + n, n, List.of(Map.of("uplink", "p0"), Map.of("svc", "x"))));
    f.awaitChainReady("ptp-" + n);
    long up0 = ofport("up0");
    long rep = ofport("ptprep");
    assertThat(f.staticFlowsOf("ptp-" + n)).contains(
        "cookie=0x" + Long.toHexString(Fnv.chainCookie(f.ns, "ptp-" + n)) + ", priority=50,in_port=" + up0
            + ",dl_dst=01:80:c2:00:00:0e actions=output:" + rep).hasSize(8);
  }

  @Test
  void staleFlowsAndPortsAreSwept() {
    String n = f.node;
    f.createSi("p0-" + n, Map.of("uplink", "p0"), Objects.physical("up0"));
    f.createSi("vf1-" + n, Map.of("vf", "1"), Objects.vf(0, 1));
    f.createChain(Objects.chain(f.ns, "keep-" + n, n, List.of(Map.of("uplink", "p0"), Map.of("vf", "1"))));
    f.awaitChainReady("keep-" + n);
    ovs.ofctl("add-flow", "br-sfc", "cookie=0x1234,priority=7,in_port=1 actions=drop");
    ovs.ofctl("add-flow", "br-sfc", "priority=8,in_port=1 actions=drop");
    ovs.vsctl("add-port", "br-sfc", "stray", "--", "set", "Interface", "stray", "type=internal");
    ovs.vsctl("add-port", "br-sfc", "cniport", "--", "set", "Interface", "cniport", "type=internal", "--", "set",
        "Port", "cniport", "external_ids:owner=ovs-cni.network.kubevirt.io");
    ovs.vsctl("add-port", "br-sfc", "p9", "--", "set", "Interface", "p9", "type=internal", "--", "set",
        "Port", "p9", "external_ids:dpf-type=physical");
    f.agent.sweepNow();
    assertThat(ovs.flows("br-sfc")).noneMatch(l -> l.contains("cookie=0x1234") || l.contains("priority=8"));
    assertThat(f.staticFlowsOf("keep-" + n)).hasSize(6);
    assertThat(vsctl("list-ports", "br-sfc").split("\n")).containsExactlyInAnyOrder("up0", "pf0vf1", "cniport",
        "p9");
  }

  @Test
  void flowsComeBackAfterOvsRestarts() {
    String n = f.node;
    f.createSi("p0-" + n, Map.of("uplink", "p0"), Objects.physical("up0"));
    f.createSi("vf1-" + n, Map.of("vf", "1"), Objects.vf(0, 1));
    f.createChain(Objects.chain(f.ns, "survive-" + n, n, List.of(Map.of("uplink", "p0"), Map.of("vf", "1"))));
    f.awaitChainReady("survive-" + n);
    List<String> before = f.staticFlowsOf("survive-" + n);
    assertThat(before).hasSize(6);

    ovs.restartVswitchd();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(f.staticFlowsOf("survive-" + n)).containsExactlyInAnyOrderElementsOf(before));

    ovs.restartAll();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(f.staticFlowsOf("survive-" + n)).containsExactlyInAnyOrderElementsOf(before));
    await().atMost(Duration.ofSeconds(20)).until(f.agent::healthy);

    // a port deleted behind the agent's back is re-created
    ovs.vsctl("del-port", "br-sfc", "pf0vf1");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(vsctl("list-ports", "br-sfc").split("\n")).contains("pf0vf1"));
  }

  long ofport(String iface) {
    return Long.parseLong(vsctl("get", "Interface", iface, "ofport"));
  }
}
