package dev.dpf.agent.dpu;

import static dev.dpf.agent.dpu.Objects.si;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Port naming per interface type (reference §3.7). */
class PortPlanTest {

  static final String NS = "dpf-operator-system";

  PortPlan plan(dev.dpf.api.svc.v1alpha1.ServiceInterfaceSpec spec, String name) {
    return PortPlan.of(si(NS, name, "dpu-a", Map.of(), spec), "br-sfc", "dpdk").orElseThrow();
  }

  @Test
  void physicalPfVf() {
    assertThat(plan(Objects.physical("p0"), "p0-dpu-a"))
        .isEqualTo(new PortPlan("p0", "dpdk", true, null, null, Map.of()));
    assertThat(plan(Objects.pf(0), "pf0-dpu-a").port()).isEqualTo("pf0hpf");
    assertThat(plan(Objects.vf(0, 3), "vf3-dpu-a").port()).isEqualTo("pf0vf3");
    assertThat(plan(Objects.vf(1, 12), "vf").type()).isEqualTo("dpdk");
  }

  @Test
  void ovnPatchPair() {
    PortPlan ovn = plan(Objects.ovn(null), "ovn-dpu-a");
    assertThat(ovn).isEqualTo(new PortPlan("puplinkbrsfctobrovn", "patch", false, "br-ovn", "puplinkbrovntobrsfc",
        Map.of()));
    assertThat(plan(Objects.ovn("br-ext"), "ovn").peerBridge()).isEqualTo("br-ext");
  }

  @Test
  void patchNamesFromTheHashOrThePeerName() {
    PortPlan hashed = plan(Objects.patch("br-ovn", null, null), "ovn-patch-dpu-a");
    assertThat(hashed.port()).isEqualTo("p_brsfc_to_brovn_8f726cd7");
    assertThat(hashed.peerPort()).isEqualTo("p_brovn_to_brsfc_8f726cd7");
    PortPlan named = plan(Objects.patch("br-hbn", "hbn_uplink", Map.of("k", "v")), "x");
    assertThat(named.port()).isEqualTo("p_brsfc_to_hbn_uplink");
    assertThat(named.peerPort()).isEqualTo("hbn_uplink");
    assertThat(named.peerExternalIds()).isEqualTo(Map.of("k", "v"));
    assertThatThrownBy(() -> plan(Objects.patch("br-hbn", null, Map.of("dpf-id", "x")), "y"))
        .hasMessageContaining("reserved key dpf-id");
  }

  @Test
  void serviceAndVlanHaveNoAgentPort() {
    assertThat(PortPlan.of(si(NS, "s", "n", Map.of(), Objects.service("svc", "eth1")), "br-sfc", "dpdk")).isEmpty();
    assertThat(PortPlan.of(si(NS, "v", "n", Map.of(), Objects.vlan()), "br-sfc", "dpdk")).isEmpty();
  }

  @Test
  void missingMemberIsReported() {
    dev.dpf.api.svc.v1alpha1.ServiceInterfaceSpec spec = Objects.pf(0);
    spec.setPf(null);
    assertThatThrownBy(() -> plan(spec, "bad")).hasMessage("for interfaceType=pf, pf must be set");
  }
}
