package dev.dpf.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.demo.DpuClusterStandIn.Ipv4;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DpuClusterStandInTest {

  @Test
  void ipv4Arithmetic() {
    assertThat(Ipv4.network("10.0.7.9/16")).isEqualTo(Ipv4.parse("10.0.0.0"));
    assertThat(Ipv4.format(Ipv4.parse("192.168.1.254") + 1)).isEqualTo("192.168.1.255");
    assertThat(Ipv4.prefix("10.0.0.0/24")).isEqualTo(24);
    assertThat(Ipv4.network("0.0.0.0/0")).isZero();
    assertThatThrownBy(() -> Ipv4.parse("10.0.0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cidrPoolSubnetPerNodeWithGateway() {
    Map<String, Object> spec = Map.of("cidr", "10.0.0.0/16", "perNodeNetworkPrefix", 24, "gatewayIndex", 1);
    Map<String, Object> first = DpuClusterStandIn.allocation("CIDRPool", spec, "dpu-a", 0);
    Map<String, Object> second = DpuClusterStandIn.allocation("CIDRPool", spec, "dpu-b", 1);
    assertThat(first).containsEntry("nodeName", "dpu-a").containsEntry("prefix", "10.0.0.0/24")
        .containsEntry("gateway", "10.0.0.1");
    assertThat(second).containsEntry("prefix", "10.0.1.0/24").containsEntry("gateway", "10.0.1.1");
    assertThat(DpuClusterStandIn.slotOf("CIDRPool", spec, second)).isEqualTo(1);
    assertThat(DpuClusterStandIn.allocation("CIDRPool", spec, "dpu-z", 256)).as("exhausted").isNull();
  }

  @Test
  void ipPoolBlockPerNodeAfterTheGateway() {
    Map<String, Object> spec = Map.of("subnet", "192.168.0.0/24", "perNodeBlockSize", 10, "gateway", "192.168.0.1");
    Map<String, Object> first = DpuClusterStandIn.allocation("IPPool", spec, "dpu-a", 0);
    Map<String, Object> second = DpuClusterStandIn.allocation("IPPool", spec, "dpu-b", 1);
    assertThat(first).containsEntry("startIP", "192.168.0.2").containsEntry("endIP", "192.168.0.11");
    assertThat(second).containsEntry("startIP", "192.168.0.12").containsEntry("endIP", "192.168.0.21");
    assertThat(DpuClusterStandIn.slotOf("IPPool", spec, second)).isEqualTo(1);
    assertThat(DpuClusterStandIn.allocation("IPPool", spec, "dpu-z", 25)).as("exhausted").isNull();
  }

  @Test
  void failuresParse() {
    assertThat(Failure.parse("Install-Error")).isEqualTo(Failure.INSTALL_ERROR);
    assertThatThrownBy(() -> Failure.parse("disk-full")).hasMessageContaining("dms-unreachable");
  }
}
