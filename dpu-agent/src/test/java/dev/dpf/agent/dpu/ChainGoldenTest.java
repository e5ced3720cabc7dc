package dev.dpf.agent.dpu;

import static dev.dpf.agent.dpu.Objects.chain;
import static dev.dpf.agent.dpu.Objects.pod;
import static dev.dpf.agent.dpu.Objects.ready;
import static dev.dpf.agent.dpu.Objects.si;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.agent.ovs.OvsState;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceChainPort;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.Switch;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: a set of objects (ServiceInterfaces, pods, OVS rows, a ServiceChain) → the exact flow text of the
 * reference (§3.9, §3.11, Appendix A.2).
 */
class ChainGoldenTest {

  static final String NS = "dpf-operator-system";
  static final String NODE = "dpu-a";
  static final String SERVICE = "svc.dpu.nvidia.com/service";
  static final String INTERFACE = "svc.dpu.nvidia.com/interface";

  /** An OVS database: bridges with their ports; each port has one interface of the same name. */
  static final class Db {
    final List<OvsState.Bridge> bridges = new ArrayList<>();
    final List<OvsState.Port> ports = new ArrayList<>();
    final List<OvsState.Interface> interfaces = new ArrayList<>();

    Db port(String bridge, String name, long ofport, Map<String, String> ifaceIds, Map<String, String> portIds) {
      OvsState.Bridge b = bridges.stream().filter(x -> x.name().equals(bridge)).findFirst().orElseGet(() -> {
        OvsState.Bridge nb = new OvsState.Bridge("b-" + bridge, bridge, new ArrayList<>());
        bridges.add(nb);
        return nb;
      });
      b.portUuids().add("p-" + name);
      ports.add(new OvsState.Port("p-" + name, name, List.of("i-" + name), portIds));
      interfaces.add(new OvsState.Interface("i-" + name, name, "", ofport, ifaceIds, Map.of(), null));
      return this;
    }

    OvsState state() {
      return new OvsState(bridges, ports, interfaces);
    }
  }

  static List<String> flows(FlowPipeline pipeline, ServiceChain chain, List<ServiceInterface> sis, List<Pod> pods,
      OvsState ovs, List<String> errors) {
    PortResolver resolver = new PortResolver(NODE, "br-sfc");
    PortResolver.Lookup lookup = new PortResolver.Lookup() {
      @Override
      public List<ServiceInterface> interfaces(String namespace) {
        return sis.stream().filter(s -> s.getMetadata().getNamespace().equals(namespace)).toList();
      }

      @Override
      public List<Pod> servicePods(String namespace, String serviceId) {
        return pods.stream().filter(p -> p.getMetadata().getNamespace().equals(namespace)
            && serviceId.equals(p.getMetadata().getLabels().get(SERVICE))).toList();
      }
    };
    List<List<ChainFlows.Port>> switches = new ArrayList<>();
    for (Switch sw : chain.getSpec().getSwitches()) {
      List<ChainFlows.Port> resolved = new ArrayList<>();
      for (ServiceChainPort port : sw.getPorts()) {
        PortResolver.Result r = resolver.resolve(chain.getMetadata().getNamespace(),
            port.getServiceInterface().getMatchLabels(), lookup, ovs);
        if (r.error() != null) {
          errors.add(r.error());
        } else {
          resolved.add(r.port());
        }
      }
      switches.add(resolved);
    }
    long cookie = Fnv.chainCookie(chain.getMetadata().getNamespace(), chain.getMetadata().getName());
    return ChainFlows.generate(pipeline, cookie, switches);
  }

  /** Reference §3.11: physical p0 (ofport 1) and the service pod's representor (ofport 7). */
  @Test
  void workedExample311() {
    List<ServiceInterface> sis = List.of(
        ready(si(NS, "p0-dpu-a", NODE, Map.of("uplink", "p0"), Objects.physical("p0"))),
        ready(si(NS, "p0-dpu-b", "dpu-b", Map.of("uplink", "p0"), Objects.physical("p0"))),
        ready(si(NS, "eth1-dpu-a", NODE, Map.of(SERVICE, "example-service", INTERFACE, "eth1"),
            Objects.service("example-service", "eth1"))),
        ready(si(NS, "eth1-dpu-b", "dpu-b", Map.of(SERVICE, "example-service", INTERFACE, "eth1"),
            Objects.service("example-service", "eth1"))));
    List<Pod> pods = List.of(pod(NS, "example-service-xxxxx", NODE, Map.of(SERVICE, "example-service")));
    OvsState ovs = new Db()
        .port("br-sfc", "p0", 1, Map.of("dpf-id", NS + "/p0-dpu-a"), Map.of("dpf-type", "physical"))
        .port("br-sfc", "en3f0pf0sf5", 7, Map.of("dpf-id", NS + "/example-service-xxxxx/eth1"),
            Map.of("owner", "ovs-cni.network.kubevirt.io"))
        .state();
    ServiceChain chain = chain(NS, "example-chain-dpu-a", NODE,
        List.of(Map.of("uplink", "p0"), Map.of(SERVICE, "example-service", INTERFACE, "eth1")));
    List<String> errors = new ArrayList<>();
    assertThat(flows(FlowPipeline.SINGLE_TABLE, chain, sis, pods, ovs, errors)).containsExactly(
        "cookie=752448180339705035, table=0, priority=20, in_port=1 actions=learn(cookie=752448180339705035,"
            + "idle_timeout=10,table=0,priority=30,in_port=7,dl_dst=dl_src,output:NXM_OF_IN_PORT[]),output:7",
        "cookie=752448180339705035, table=0, priority=20, in_port=7 actions=learn(cookie=752448180339705035,"
            + "idle_timeout=10,table=0,priority=30,in_port=1,dl_dst=dl_src,output:NXM_OF_IN_PORT[]),output:1");
    assertThat(errors).isEmpty();
    assertThat(flows(FlowPipeline.TWO_TABLE, chain, sis, pods, ovs, errors)).containsExactly(
        "cookie=752448180339705035, table=0, priority=0, in_port=1 actions=learn(cookie=752448180339705035,"
            + "idle_timeout=10,table=1,priority=1,in_port=7,dl_dst=dl_src,output:NXM_OF_IN_PORT[]),resubmit(,1)",
        "cookie=752448180339705035, table=1, priority=2, in_port=1, dl_dst=01:00:00:00:00:00/01:00:00:00:00:00"
            + " actions=output:7",
        "cookie=752448180339705035, table=1, priority=0, in_port=1 actions=output:7",
        "cookie=752448180339705035, table=0, priority=0, in_port=7 actions=learn(cookie=752448180339705035,"
            + "idle_timeout=10,table=1,priority=1,in_port=1,dl_dst=dl_src,output:NXM_OF_IN_PORT[]),resubmit(,1)",
        "cookie=752448180339705035, table=1, priority=2, in_port=7, dl_dst=01:00:00:00:00:00/01:00:00:00:00:00"
            + " actions=output:1",
        "cookie=752448180339705035, table=1, priority=0, in_port=7 actions=output:1");
  }

  /** Appendix A.2: the HBN service port is found through its br-sfc patch port p<rep>brsfc (ofport 12). */
  @Test
  void appendixA2ThroughTheHbnPatchPort() {
    List<ServiceInterface> sis = List.of(
        ready(si(NS, "p0-dpu-a", NODE, Map.of("uplink", "p0"), Objects.physical("p0"))),
        ready(si(NS, "p0-sf-dpu-a", NODE, Map.of(SERVICE, "doca-hbn", INTERFACE, "p0_sf"),
            Objects.service("doca-hbn", "p0_if"))));
    List<Pod> pods = List.of(pod(NS, "doca-hbn-abcde", NODE, Map.of(SERVICE, "doca-hbn")));
    OvsState ovs = new Db()
        .port("br-sfc", "p0", 1, Map.of("dpf-id", NS + "/p0-dpu-a"), Map.of("dpf-type", "physical"))
        .port("br-hbn", "en3f0pf0sf5", 3, Map.of("dpf-id", NS + "/doca-hbn-abcde/p0_if"), Map.of())
        .port("br-sfc", "pen3f0pf0sf5brsfc", 12, Map.of("dpf-id", "p0_if"), Map.of())
        .state();
    ServiceChain chain = chain(NS, "hbn-to-fabric-dpu-a", NODE,
        List.of(Map.of("uplink", "p0"), Map.of(SERVICE, "doca-hbn", INTERFACE, "p0_sf")));
    List<String> errors = new ArrayList<>();
    assertThat(flows(FlowPipeline.SINGLE_TABLE, chain, sis, pods, ovs, errors)).containsExactly(
        "cookie=8563524526239265137, table=0, priority=20, in_port=1 actions=learn(cookie=8563524526239265137,"
            + "idle_timeout=10,table=0,priority=30,in_port=12,dl_dst=dl_src,output:NXM_OF_IN_PORT[]),output:12",
        "cookie=8563524526239265137, table=0, priority=20, in_port=12 actions=learn(cookie=8563524526239265137,"
            + "idle_timeout=10,table=0,priority=30,in_port=1,dl_dst=dl_src,output:NXM_OF_IN_PORT[]),output:1");
    assertThat(flows(FlowPipeline.TWO_TABLE, chain, sis, pods, ovs, errors)).containsExactly(
        "cookie=8563524526239265137, table=0, priority=0, in_port=1 actions=learn(cookie=8563524526239265137,"
            + "idle_timeout=10,table=1,priority=1,in_port=12,dl_dst=dl_src,output:NXM_OF_IN_PORT[]),resubmit(,1)",
        "cookie=8563524526239265137, table=1, priority=2, in_port=1, dl_dst=01:00:00:00:00:00/01:00:00:00:00:00"
            + " actions=output:12",
        "cookie=8563524526239265137, table=1, priority=0, in_port=1 actions=output:12",
        "cookie=8563524526239265137, table=0, priority=0, in_port=12 actions=learn(cookie=8563524526239265137,"
            + "idle_timeout=10,table=1,priority=1,in_port=1,dl_dst=dl_src,output:NXM_OF_IN_PORT[]),resubmit(,1)",
        "cookie=8563524526239265137, table=1, priority=2, in_port=12, dl_dst=01:00:00:00:00:00/01:00:00:00:00:00"
            + " actions=output:1",
        "cookie=8563524526239265137, table=1, priority=0, in_port=12 actions=output:1");
    assertThat(errors).isEmpty();
  }

  /** Reference §3.9: three ports 5, 7, 9; the v24.10 line for in_port=5. */
  @Test
  void threePortSwitch() {
    List<String> lines = ChainFlows.generate(FlowPipeline.SINGLE_TABLE, 42, List.of(List.of(
        ChainFlows.Port.of(5), ChainFlows.Port.of(7), ChainFlows.Port.of(9))));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("cookie=42, table=0, priority=20, in_port=5 actions="
        + "learn(cookie=42,idle_timeout=10,table=0,priority=30,in_port=7,dl_dst=dl_src,output:NXM_OF_IN_PORT[]),"
        + "learn(cookie=42,idle_timeout=10,table=0,priority=30,in_port=9,dl_dst=dl_src,output:NXM_OF_IN_PORT[]),"
        + "output:7,output:9");
    assertThat(ChainFlows.generate(FlowPipeline.TWO_TABLE, 42, List.of(List.of(
        ChainFlows.Port.of(5), ChainFlows.Port.of(7), ChainFlows.Port.of(9))))).hasSize(9)
        .contains("cookie=42, table=1, priority=0, in_port=9 actions=output:5,output:7");
  }

  @Test
  void switchesWithFewerThanTwoPortsProduceNothing() {
    assertThat(ChainFlows.generate(FlowPipeline.TWO_TABLE, 1, List.of(List.of(ChainFlows.Port.of(3)), List.of())))
        .isEmpty();
  }

  /** Reference §3.9 custom flows: PTP multicast between the one uplink and a firefly service port. */
  @Test
  void fireflyCustomFlows() {
    List<String> lines = ChainFlows.generate(FlowPipeline.TWO_TABLE, 7, List.of(List.of(
        new ChainFlows.Port(1, true, false), new ChainFlows.Port(4, false, true))));
    assertThat(lines).hasSize(8).endsWith(
        "cookie=7, table=0, priority=50, in_port=1, dl_dst=01:80:c2:00:00:0e, actions=output=4",
        "cookie=7, table=0, priority=50, in_port=4, dl_dst=01:80:c2:00:00:0e, actions=output=1");
  }

  @Test
  void resolutionErrorsHaveTheUpstreamWording() {
    List<ServiceInterface> sis = new ArrayList<>(List.of(
        ready(si(NS, "a", NODE, Map.of("uplink", "p0"), Objects.physical("p0"))),
        ready(si(NS, "b", NODE, Map.of("uplink", "p0"), Objects.physical("p1"))),
        si(NS, "c", NODE, Map.of("x", "y"), Objects.pf(0)),
        ready(si(NS, "d", NODE, Map.of(SERVICE, "svc"), Objects.service("svc", "eth1"))),
        ready(si(NS, "e", NODE, Map.of("z", "1"), Objects.vf(0, 1)))));
    OvsState ovs = new Db().port("br-sfc", "pf0vf1", 0, Map.of("dpf-id", NS + "/e"), Map.of()).state();
    List<String> errors = new ArrayList<>();
    flows(FlowPipeline.TWO_TABLE, chain(NS, "broken", NODE, List.of(Map.of("uplink", "p0"), Map.of("nope", "1"),
        Map.of("x", "y"), Map.of(SERVICE, "svc"), Map.of("z", "1"))), sis, List.of(), ovs, errors);
    assertThat(errors).containsExactly(
        "expected only one serviceInterface in namespace(" + NS + ") to match labels(map[uplink:p0]) on node(dpu-a)."
            + " found 2",
        "no serviceInterface in namespace(" + NS + ") matching labels(map[nope:1]) on node(dpu-a) found",
        "serviceInterface c in namespace (" + NS + ") is not ready: Ready condition is not True",
        "no pod in namespace(" + NS + ") matching labels(map[svc.dpu.nvidia.com/service:svc]) on node(dpu-a) found",
        "interface pf0vf1 has no OpenFlow port number (0)");
    errors.clear();
    flows(FlowPipeline.TWO_TABLE, chain(NS, "x", NODE, List.of(Map.of("z", "1"))), sis, List.of(),
        new Db().state(), errors);
    assertThat(errors).containsExactly("failed to find matching interface with external_ids :map[dpf-id:" + NS
        + "/e]");
  }
}
