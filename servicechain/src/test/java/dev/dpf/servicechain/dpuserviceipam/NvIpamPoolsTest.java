package dev.dpf.servicechain.dpuserviceipam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.api.svc.v1alpha1.DPUServiceIPAM;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The NVIPAM pool mapping of §2.4 (Appendix A.3 plus the remaining fields). */
class NvIpamPoolsTest {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static DPUServiceIPAM ipam(String yaml) {
    return SERIALIZATION.unmarshal(yaml, DPUServiceIPAM.class);
  }

  @Test
  void ipPoolWithEveryField() {
    GenericKubernetesResource pool = NvIpamPools.desired(ipam("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUServiceIPAM
        metadata: {name: pool1, namespace: dpf-operator-system}
        spec:
          metadata:
            labels: {svc.dpu.nvidia.com/pool: pool1, dpu.nvidia.com/dpuserviceipam-name: spoofed}
            annotations: {a: b}
          nodeSelector:
            nodeSelectorTerms:
            - matchExpressions: [{key: role, operator: In, values: [dpu]}]
          ipv4Subnet:
            subnet: 192.168.0.0/20
            gateway: 192.168.0.1
            perNodeIPCount: 256
            defaultGateway: true
            routes: [{dst: 10.0.0.0/8}]
            excludeRanges: [{startIP: 192.168.0.2, endIP: 192.168.0.9}]
        """));
    assertThat(pool.getKind()).isEqualTo("IPPool");
    assertThat(pool.getMetadata().getLabels()).isEqualTo(Map.of("svc.dpu.nvidia.com/pool", "pool1",
        "dpu.nvidia.com/dpuserviceipam-name", "pool1",
        "dpu.nvidia.com/dpuserviceipam-namespace", "dpf-operator-system"));
    assertThat(pool.getMetadata().getAnnotations()).isEqualTo(Map.of("a", "b"));
    assertThat(pool.getAdditionalProperties().get("spec")).isEqualTo(Map.of(
        "subnet", "192.168.0.0/20",
        "perNodeBlockSize", 256,
        "gateway", "192.168.0.1",
        "nodeSelector", Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions",
            List.of(Map.of("key", "role", "operator", "In", "values", List.of("dpu")))))),
        "exclusions", List.of(Map.of("startIP", "192.168.0.2", "endIP", "192.168.0.9")),
        "defaultGateway", true,
        "routes", List.of(Map.of("dst", "10.0.0.0/8"))));
  }

  @Test
  void cidrPoolOfAppendixA3WithSortedAllocationsAndGatewayIndex() {
    DPUServiceIPAM ipam = ipam("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUServiceIPAM
        metadata: {name: loopback, namespace: dpf-operator-system}
        spec:
          metadata: {labels: {svc.dpu.nvidia.com/pool: loopback}}
          ipv4Network:
            network: 11.0.0.0/24
            gatewayIndex: 1
            prefixSize: 32
            exclusions: [11.0.0.1]
            allocations: {dpu-b: 11.0.0.11/32, dpu-a: 11.0.0.10/32}
            defaultGateway: false
        """);
    GenericKubernetesResource pool = NvIpamPools.desired(ipam);
    assertThat(pool.getKind()).isEqualTo("CIDRPool");
    assertThat(pool.getApiVersion()).isEqualTo("nv-ipam.nvidia.com/v1alpha1");
    assertThat(pool.getMetadata().getName()).isEqualTo("loopback");
    assertThat(pool.getAdditionalProperties().get("spec")).isEqualTo(Map.of(
        "cidr", "11.0.0.0/24",
        "gatewayIndex", 1,
        "perNodeNetworkPrefix", 32,
        "exclusions", List.of(Map.of("startIP", "11.0.0.1", "endIP", "11.0.0.1")),
        "staticAllocations", List.of(Map.of("nodeName", "dpu-a", "prefix", "11.0.0.10/32"),
            Map.of("nodeName", "dpu-b", "prefix", "11.0.0.11/32"))));
  }

  @Test
  void readinessNeedsNonEmptyAllocations() {
    GenericKubernetesResource pool = new GenericKubernetesResource();
    assertThat(NvIpamPools.isReady(pool)).isFalse();
    pool.setAdditionalProperty("status", Map.of("allocations", List.of()));
    assertThat(NvIpamPools.isReady(pool)).isFalse();
    pool.setAdditionalProperty("status", Map.of("allocations", List.of(Map.of("nodeName", "n"))));
    assertThat(NvIpamPools.isReady(pool)).isTrue();
  }

  @Test
  void nameOverrideAnnotation() {
    DPUServiceIPAM ipam = ipam("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUServiceIPAM
        metadata:
          name: pool1
          namespace: ns
          annotations: {svc.dpu.nvidia.com/dpuserviceipam-child-object-name-override: other}
        spec:
          ipv4Subnet: {subnet: 10.0.0.0/24, gateway: 10.0.0.1, perNodeIPCount: 8}
        """);
    assertThat(NvIpamPools.poolName(ipam)).isEqualTo("other");
    assertThat(NvIpamPools.desired(ipam).getMetadata().getLabels())
        .containsEntry("dpu.nvidia.com/dpuserviceipam-name", "pool1");
  }
}
