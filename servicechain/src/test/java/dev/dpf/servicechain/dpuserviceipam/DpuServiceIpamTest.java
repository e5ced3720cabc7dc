package dev.dpf.servicechain.dpuserviceipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAM;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.servicechain.ServiceChainModule;
import dev.dpf.testing.Edits;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DPUServiceIPAM → NVIPAM IPPool / CIDRPool in two DPU clusters (reference §2.4, Appendix A.3). */
@KubeTest
class DpuServiceIpamTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static final String POOL1 = """
      apiVersion: svc.dpu.nvidia.com/v1alpha1
      kind: DPUServiceIPAM
      metadata: {name: pool1}
      spec:
        metadata: {labels: {svc.dpu.nvidia.com/pool: pool1}}
        ipv4Subnet: {subnet: 192.168.0.0/20, gateway: 192.168.0.1, perNodeIPCount: 256}
      """;

  static final String LOOPBACK = """
      apiVersion: svc.dpu.nvidia.com/v1alpha1
      kind: DPUServiceIPAM
      metadata: {name: loopback}
      spec:
        metadata: {labels: {svc.dpu.nvidia.com/pool: loopback}}
        ipv4Network:
          network: 11.0.0.0/24
          prefixSize: 32
          exclusions: [11.0.0.1]
          allocations: {dpu-a: 11.0.0.10/32}
      """;

  ControllerHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void poolsMatchAppendixA3InEveryClusterAndAreRemovedOnDeletion(KubeTestContext kube) {
    harness = ControllerHarness.start(kube, new ServiceChainModule()::register);
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    DpuClusterFixtures.readyStaticCluster(kube, 2, "dpu-cluster-2");
    String ns = kube.namespace();
    KubernetesClient host = kube.client();
    create(kube, POOL1);
    create(kube, LOOPBACK);

    for (KubernetesClient dpu : List.of(kube.dpuClient(1), kube.dpuClient(2))) {
      await().atMost(WAIT).untilAsserted(() -> {
        GenericKubernetesResource ippool = pool(dpu, NvIpamPools.IPPOOL, ns, "pool1");
        assertThat(ippool).isNotNull();
        assertThat(ippool.getApiVersion()).isEqualTo("nv-ipam.nvidia.com/v1alpha1");
        assertThat(ippool.getKind()).isEqualTo("IPPool");
        assertThat(ippool.getMetadata().getLabels()).isEqualTo(Map.of(
            "svc.dpu.nvidia.com/pool", "pool1",
            ChainLabels.DPUSERVICEIPAM_NAME, "pool1",
            ChainLabels.DPUSERVICEIPAM_NAMESPACE, ns));
        assertThat(ippool.getAdditionalProperties().get("spec")).isEqualTo(Map.of(
            "subnet", "192.168.0.0/20", "perNodeBlockSize", 256, "gateway", "192.168.0.1"));
        assertThat(ippool.getMetadata().getManagedFields())
            .anyMatch(m -> DPUServiceIPAM.FIELD_OWNER.equals(m.getManager()));

        GenericKubernetesResource cidrpool = pool(dpu, NvIpamPools.CIDRPOOL, ns, "loopback");
        assertThat(cidrpool).isNotNull();
        assertThat(cidrpool.getKind()).isEqualTo("CIDRPool");
        assertThat(cidrpool.getMetadata().getLabels()).isEqualTo(Map.of(
            "svc.dpu.nvidia.com/pool", "loopback",
            ChainLabels.DPUSERVICEIPAM_NAME, "loopback",
            ChainLabels.DPUSERVICEIPAM_NAMESPACE, ns));
        assertThat(cidrpool.getAdditionalProperties().get("spec")).isEqualTo(Map.of(
            "cidr", "11.0.0.0/24",
            "perNodeNetworkPrefix", 32,
            "exclusions", List.of(Map.of("startIP", "11.0.0.1", "endIP", "11.0.0.1")),
            "staticAllocations", List.of(Map.of("nodeName", "dpu-a", "prefix", "11.0.0.10/32"))));
      });
    }

    // not ready until NVIPAM allocates (stand-in: the test writes status.allocations as NVIPAM would)
    await().atMost(WAIT).untilAsserted(() -> {
      Condition ready = condition(host.resources(DPUServiceIPAM.class).withName("pool1").get(),
          DPUServiceIPAM.CONDITION_DPU_IPAM_OBJECT_READY);
      assertThat(ready.getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(ready.getMessage()).startsWith("Objects not ready: {Cluster: " + ns + "/dpu-cluster-1, Object: "
          + ns + "/pool1}");
      assertThat(StatusConditions.isTrue(host.resources(DPUServiceIPAM.class).withName("pool1").get().getStatus(),
          DPUServiceIPAM.CONDITION_DPU_IPAM_OBJECT_RECONCILED)).isTrue();
    });
    for (KubernetesClient dpu : List.of(kube.dpuClient(1), kube.dpuClient(2))) {
      allocate(dpu, pool(dpu, NvIpamPools.IPPOOL, ns, "pool1"),
          Map.of("nodeName", "dpu-a", "startIP", "192.168.0.2", "endIP", "192.168.0.255"));
      allocate(dpu, pool(dpu, NvIpamPools.CIDRPOOL, ns, "loopback"),
          Map.of("nodeName", "dpu-a", "prefix", "11.0.0.10/32"));
    }
    await().atMost(WAIT).untilAsserted(() -> {
      for (String name : List.of("pool1", "loopback")) {
        DPUServiceIPAM ipam = host.resources(DPUServiceIPAM.class).withName(name).get();
        assertThat(StatusConditions.isTrue(ipam.getStatus(), Conditions.READY)).as(name).isTrue();
      }
    });

    // the pool-name override (later release) replaces the pool
    Edits.edit(host.resources(DPUServiceIPAM.class).withName("pool1"), i -> {
      i.getMetadata().setAnnotations(Map.of(ChainLabels.DPUSERVICEIPAM_CHILD_OBJECT_NAME_OVERRIDE, "renamed"));
      return i;
    });
    await().atMost(WAIT).untilAsserted(() -> {
      for (KubernetesClient dpu : List.of(kube.dpuClient(1), kube.dpuClient(2))) {
        assertThat(pool(dpu, NvIpamPools.IPPOOL, ns, "renamed")).isNotNull();
        assertThat(pool(dpu, NvIpamPools.IPPOOL, ns, "pool1")).isNull();
      }
    });

    host.resources(DPUServiceIPAM.class).delete();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(host.resources(DPUServiceIPAM.class).list().getItems()).isEmpty();
      for (KubernetesClient dpu : List.of(kube.dpuClient(1), kube.dpuClient(2))) {
        assertThat(NvIpamPools.IPPOOL.in(dpu).inNamespace(ns).list().getItems()).isEmpty();
        assertThat(NvIpamPools.CIDRPOOL.in(dpu).inNamespace(ns).list().getItems()).isEmpty();
      }
    });
  }

  @Test
  void objectOutsideTheOperatorNamespaceIsRejectedWithACondition(KubeTestContext kube) {
    harness = ControllerHarness.start(kube, s -> s.withOperatorNamespace("dpf-operator-system"),
        new ServiceChainModule()::register);
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    create(kube, POOL1);
    await().atMost(WAIT).untilAsserted(() -> {
      DPUServiceIPAM ipam = kube.client().resources(DPUServiceIPAM.class).withName("pool1").get();
      Condition reconciled = condition(ipam, DPUServiceIPAM.CONDITION_DPU_IPAM_OBJECT_RECONCILED);
      assertThat(reconciled.getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(reconciled.getReason()).isEqualTo(Conditions.REASON_FAILURE);
      assertThat(reconciled.getMessage()).isEqualTo("currently only 'dpf-operator-system' namespace is supported");
      Condition ready = condition(ipam, Conditions.READY);
      assertThat(ready.getReason()).isEqualTo(Conditions.REASON_FAILURE);
      List<Event> events = kube.client().v1().events().list().getItems();
      assertThat(events).anyMatch(e -> "InvalidSpec".equals(e.getReason()) && "Warning".equals(e.getType())
          && e.getInvolvedObject().getName().equals("pool1"));
    });
    assertThat(NvIpamPools.IPPOOL.in(kube.dpuClient(1)).inNamespace(kube.namespace()).list().getItems()).isEmpty();
    // deletion is not blocked by the invalid object
    kube.client().resources(DPUServiceIPAM.class).withName("pool1").delete();
    await().atMost(WAIT).until(() -> kube.client().resources(DPUServiceIPAM.class).withName("pool1").get() == null);
  }

  static void create(KubeTestContext kube, String yaml) {
    DPUServiceIPAM ipam = SERIALIZATION.unmarshal(yaml, DPUServiceIPAM.class);
    ipam.getMetadata().setNamespace(kube.namespace());
    kube.client().resource(ipam).create();
  }

  static GenericKubernetesResource pool(KubernetesClient dpu, dev.dpf.servicechain.mirror.DpuResource kind,
      String ns, String name) {
    return (GenericKubernetesResource) kind.in(dpu).inNamespace(ns).withName(name).get();
  }

  /** Stand-in for the NVIPAM controller: writes {@code status.allocations}. */
  static void allocate(KubernetesClient dpu, GenericKubernetesResource pool, Map<String, Object> allocation) {
    pool.setAdditionalProperty("status", Map.of("allocations", List.of(allocation)));
    dpu.genericKubernetesResources(pool.getApiVersion(), pool.getKind()).inNamespace(pool.getMetadata()
        .getNamespace()).resource(pool).updateStatus();
  }

  static Condition condition(DPUServiceIPAM ipam, String type) {
    assertThat(ipam.getStatus()).isNotNull();
    return StatusConditions.find(ipam.getStatus(), type).orElseThrow(() -> new AssertionError("no " + type));
  }
}
