package dev.dpf.provisioning.dpucluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.ClusterEndpointSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.provisioning.v1alpha1.KeepalivedSpec;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kamaji cluster manager and the health controller against the real control plane. Kamaji itself does not run:
 * {@link KamajiStandIn} writes what Kamaji would (TCP version status, admin kubeconfig Secret of a second real API
 * server).
 */
@KubeTest
class KamajiDpuClusterTest {

  KubeTestContext kube;
  DpuClusterTesting t;
  ControllerHarness harness;

  @BeforeEach
  void start(KubeTestContext kube) {
    this.kube = kube;
    this.t = new DpuClusterTesting(kube);
    harness = ControllerHarness.start(kube, ctx -> DpuClusterControllers.register(ctx, Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void kamajiClusterGoesThroughEveryStep() {
    DPUCluster created = t.create("dpu-cplane-tenant1", "kamaji", null, spec -> {
      KeepalivedSpec keepalived = new KeepalivedSpec();
      keepalived.setInterfaceName("br-dpu");
      keepalived.setVip("10.0.110.254");
      keepalived.setVirtualRouterID(126);
      keepalived.setNodeSelector(Map.of("node-role.kubernetes.io/control-plane", ""));
      ClusterEndpointSpec endpoint = new ClusterEndpointSpec();
      endpoint.setKeepalived(keepalived);
      spec.setClusterEndpoint(endpoint);
    });
    String name = "dpu-cplane-tenant1";
    String ns = kube.namespace();

    // 1. NodePort Service, then the TenantControlPlane with that node port
    await().atMost(DpuClusterTesting.TIMEOUT).until(() -> KamajiStandIn.tcp(kube, name) != null);
    Service service = kube.client().services().inNamespace(ns).withName(name).get();
    assertThat(service.getSpec().getType()).isEqualTo("NodePort");
    assertThat(service.getSpec().getSelector()).containsExactly(Map.entry("kamaji.clastix.io/name", name));
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("kube-apiserver");
      assertThat(p.getPort()).isEqualTo(6443);
      assertThat(p.getNodePort()).isPositive();
    });
    int nodePort = service.getSpec().getPorts().get(0).getNodePort();
    GenericKubernetesResource tcp = KamajiStandIn.tcp(kube, name);
    assertThat(tcp.getMetadata().getLabels()).containsEntry("tenant.clastix.io", name)
        .containsEntry("dpu.nvidia.com/cluster", name);
    assertOwnedBy(tcp.getMetadata().getOwnerReferences(), created, false);
    assertThat((Object) tcp.get("spec", "dataStore")).isEqualTo("default");
    assertThat((Object) tcp.get("spec", "controlPlane", "deployment", "replicas")).isEqualTo(3);
    assertThat((Object) tcp.get("spec", "controlPlane", "service", "serviceType")).isEqualTo("NodePort");
    assertThat((Object) tcp.get("spec", "controlPlane", "deployment", "resources", "apiServer", "requests", "cpu"))
        .isEqualTo("250m");
    assertThat((Object) tcp.get("spec", "kubernetes", "version")).isEqualTo("v1.30.2");
    assertThat((Object) tcp.get("spec", "kubernetes", "kubelet", "cgroupfs")).isEqualTo("systemd");
    assertThat((Object) tcp.get("spec", "kubernetes", "admissionControllers"))
        .isEqualTo(List.of("ResourceQuota", "LimitRanger"));
    assertThat((Object) tcp.get("spec", "addons", "coreDNS")).isEqualTo(Map.of());
    assertThat((Object) tcp.get("spec", "networkProfile", "address")).isEqualTo("10.0.110.254");
    assertThat((Object) tcp.get("spec", "networkProfile", "port")).isEqualTo(nodePort);

    // 2. not served yet: Created=False/ClusterNotReady, phase Creating, no kubeconfig published
    DPUCluster creating = t.awaitCondition(name, DPUCluster.CONDITION_CREATED, Conditions.FALSE,
        DPUCluster.REASON_CLUSTER_NOT_READY);
    assertThat(DpuClusterTesting.condition(creating, DPUCluster.CONDITION_CREATED).getMessage())
        .isEqualTo("creating cluster");
    assertThat(creating.getSpec().getKubeconfig()).isNull();
    assertThat(creating.getStatus().getPhase()).isEqualTo(DPUClusterPhase.CREATING);
    assertThat(creating.getMetadata().getFinalizers()).contains(DPUCluster.FINALIZER_CLUSTER_MANAGER_CLEAN_UP);

    // 3. keepalived: ConfigMap + DaemonSet, owned by the DPUCluster
    DPUCluster deployed = t.awaitCondition(name, DPUCluster.CONDITION_KEEPALIVED_READY, Conditions.TRUE,
        DPUCluster.REASON_DEPLOYED);
    ConfigMap configMap = kube.client().configMaps().inNamespace(ns).withName(name + "-keepalived").get();
    assertOwnedBy(configMap.getMetadata().getOwnerReferences(), created, true);
    assertThat(configMap.getData().get("keepalived.conf.tmpl")).contains("vrrp_instance dpu-cluster-control-plane")
        .contains("virtual_router_id VIRTUAL_ROUTER_ID").contains("https://NODE_IP:NODE_PORT");
    DaemonSet ds = kube.client().apps().daemonSets().inNamespace(ns).withName(name + "-keepalived").get();
    assertOwnedBy(ds.getMetadata().getOwnerReferences(), created, true);
    assertThat(ds.getSpec().getSelector().getMatchLabels())
        .containsExactly(Map.entry("app.kubernetes.io/name", name + "-keepalived"));
    assertThat(ds.getSpec().getTemplate().getSpec().getNodeSelector())
        .containsExactly(Map.entry("node-role.kubernetes.io/control-plane", ""));
    assertThat(ds.getSpec().getTemplate().getSpec().getHostNetwork()).isTrue();
    Container init = ds.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    assertThat(init.getImage()).isEqualTo("alpine:3.20.3");
    assertThat(init.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("NODE_PORT");
      assertThat(e.getValue()).isEqualTo(String.valueOf(nodePort));
    });
    assertThat(init.getEnv()).anySatisfy(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("status.hostIP"));
    assertThat(ds.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("osixia/keepalived:2.0.20");
    assertThat(deployed.getStatus().getPhase()).isEqualTo(DPUClusterPhase.CREATING);

    // 4. Kamaji serves the control plane: kubeconfig published, Created=True, health check passes
    KamajiStandIn.serve(kube, name, 1);
    DPUCluster ready = t.awaitPhase(name, DPUClusterPhase.READY);
    assertThat(ready.getSpec().getKubeconfig()).isEqualTo(name + "-admin-kubeconfig");
    assertThat(DpuClusterTesting.condition(ready, DPUCluster.CONDITION_CREATED).getReason())
        .isEqualTo(DPUCluster.REASON_CREATED);
    assertThat(DpuClusterTesting.condition(ready, DPUCluster.CONDITION_READY).getReason())
        .isEqualTo(DPUCluster.REASON_HEALTH_CHECK_PASSED);
    assertThat(ready.getStatus().getConditions()).extracting(c -> c.getType()).containsExactlyInAnyOrder(
        DPUCluster.CONDITION_CREATED, DPUCluster.CONDITION_KEEPALIVED_READY, DPUCluster.CONDITION_READY);

    // 5. a deleted DaemonSet is noticed (owner-reference mapping, quirk Q12) and applied again
    String uid = ds.getMetadata().getUid();
    kube.client().apps().daemonSets().inNamespace(ns).withName(name + "-keepalived").delete();
    await().atMost(DpuClusterTesting.TIMEOUT).untilAsserted(() -> {
      DaemonSet again = kube.client().apps().daemonSets().inNamespace(ns).withName(name + "-keepalived").get();
      assertThat(again).isNotNull();
      assertThat(again.getMetadata().getUid()).isNotEqualTo(uid);
    });

    // 6. deletion: finalizers released, owned objects garbage-collected
    kube.client().resource(ready).delete();
    await().atMost(DpuClusterTesting.TIMEOUT).until(() -> t.get(name) == null);
    await().atMost(DpuClusterTesting.TIMEOUT).until(() -> KamajiStandIn.tcp(kube, name) == null
        && kube.client().apps().daemonSets().inNamespace(ns).withName(name + "-keepalived").get() == null
        && kube.client().services().inNamespace(ns).withName(name).get() == null);
  }

  @Test
  void withoutKeepalivedThereIsNoKeepalivedCondition() {
    t.create("plain", "kamaji", null, spec -> {});
    await().atMost(DpuClusterTesting.TIMEOUT).until(() -> KamajiStandIn.tcp(kube, "plain") != null);
    assertThat((Object) KamajiStandIn.tcp(kube, "plain").get("spec", "networkProfile")).isNull();
    KamajiStandIn.serve(kube, "plain", 1);
    DPUCluster ready = t.awaitPhase("plain", DPUClusterPhase.READY);
    assertThat(ready.getStatus().getConditions()).extracting(c -> c.getType())
        .containsExactlyInAnyOrder(DPUCluster.CONDITION_CREATED, DPUCluster.CONDITION_READY);
    assertThat(kube.client().apps().daemonSets().inNamespace(kube.namespace()).withName("plain-keepalived").get())
        .isNull();
  }

  @Test
  void disabledKamajiManagerCreatesNothing() {
    t.operatorConfig("  kamajiClusterManager:\n    disable: true\n");
    t.create("off", "kamaji", null, spec -> {});
    DPUCluster c = t.awaitCondition("off", DPUCluster.CONDITION_CREATED, Conditions.FALSE,
        ClusterManagers.REASON_CLUSTER_MANAGER_DISABLED);
    assertThat(DpuClusterTesting.condition(c, DPUCluster.CONDITION_CREATED).getMessage())
        .contains("Kamaji cluster manager is disabled by spec.kamajiClusterManager.disable");
    assertThat(kube.client().services().inNamespace(kube.namespace()).withName("off").get()).isNull();
    assertThat(KamajiStandIn.tcp(kube, "off")).isNull();
    assertThat(c.getMetadata().getFinalizers()).doesNotContain(DPUCluster.FINALIZER_CLUSTER_MANAGER_CLEAN_UP);

    t.operatorConfig("  kamajiClusterManager:\n    disable: false\n");
    await().atMost(DpuClusterTesting.TIMEOUT).until(() -> KamajiStandIn.tcp(kube, "off") != null);
  }

  static void assertOwnedBy(List<OwnerReference> owners, DPUCluster cluster, boolean controller) {
    assertThat(owners).singleElement().satisfies(o -> {
      assertThat(o.getApiVersion()).isEqualTo("provisioning.dpu.nvidia.com/v1alpha1");
      assertThat(o.getKind()).isEqualTo("DPUCluster");
      assertThat(o.getName()).isEqualTo(cluster.getMetadata().getName());
      assertThat(o.getUid()).isEqualTo(cluster.getMetadata().getUid());
      assertThat(Boolean.TRUE.equals(o.getController())).isEqualTo(controller);
    });
  }
}
