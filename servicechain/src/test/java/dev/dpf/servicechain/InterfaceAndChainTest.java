package dev.dpf.servicechain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceChainSet;
import dev.dpf.api.svc.v1alpha1.ServiceChainStatus;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSet;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceStatus;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.testing.Edits;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DPUServiceInterface / DPUServiceChain → Sets in two DPU clusters → one ServiceInterface / ServiceChain per
 * selected DPU node, on the real control plane (host + two DPU-cluster API servers). No node agent runs: the tests
 * mark children Ready the way the node agent would.
 */
@KubeTest
class InterfaceAndChainTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  static final String INTERFACE = """
      apiVersion: svc.dpu.nvidia.com/v1alpha1
      kind: DPUServiceInterface
      metadata: {name: p0-sf}
      spec:
        template:
          metadata: {labels: {team: net}, annotations: {note: set}}
          spec:
            nodeSelector: {matchLabels: {bfb: dk, test.dpf.dev/run: ${ns}}}
            template:
              metadata:
                labels: {svc.dpu.nvidia.com/interface: p0_sf, svc.dpu.nvidia.com/service: doca-hbn}
              spec:
                interfaceType: service
                service: {serviceID: doca-hbn, network: mybrhbn, interfaceName: p0_if}
      """;

  static final String VF_INTERFACE = """
      apiVersion: svc.dpu.nvidia.com/v1alpha1
      kind: DPUServiceInterface
      metadata: {name: vf3}
      spec:
        template:
          spec:
            nodeSelector: {matchLabels: {test.dpf.dev/run: ${ns}}}
            template:
              metadata: {labels: {uplink: vf3}}
              spec:
                interfaceType: vf
                vf: {vfID: 3, pfID: 0, parentInterfaceRef: p0}
      """;

  static final String CHAIN = """
      apiVersion: svc.dpu.nvidia.com/v1alpha1
      kind: DPUServiceChain
      metadata: {name: hbn-to-fabric}
      spec:
        template:
          spec:
            nodeSelector: {matchLabels: {bfb: dk, test.dpf.dev/run: ${ns}}}
            template:
              metadata: {labels: {chain: hbn}}
              spec:
                switches:
                - ports:
                  - serviceInterface: {matchLabels: {uplink: p0}}
                  - serviceInterface: {matchLabels: {svc.dpu.nvidia.com/service: doca-hbn, svc.dpu.nvidia.com/interface: p0_sf}}
      """;

  ControllerHarness harness;
  ChainFixtures fixtures;
  KubernetesClient host;
  KubernetesClient dpu1;
  KubernetesClient dpu2;
  String ns;

  @BeforeEach
  void start(KubeTestContext kube) {
    ns = kube.namespace();
    host = kube.client();
    dpu1 = kube.dpuClient(1);
    dpu2 = kube.dpuClient(2);
    fixtures = new ChainFixtures(kube);
    fixtures.node(1, "a", Map.of("bfb", "dk"));
    fixtures.node(1, "b", Map.of("bfb", "dk"));
    fixtures.node(1, "c", Map.of());
    fixtures.node(2, "x", Map.of("bfb", "dk"));
    harness = ControllerHarness.start(kube, new ServiceChainModule()::register);
  }

  @AfterEach
  void stop() {
    harness.close();
    fixtures.close();
  }

  @Test
  void mirrorsIntoBothClustersAndExpandsPerSelectedNode(KubeTestContext kube) {
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    DpuClusterFixtures.readyStaticCluster(kube, 2, "dpu-cluster-2");
    fixtures.create(DPUServiceInterface.class, INTERFACE);
    fixtures.create(DPUServiceInterface.class, VF_INTERFACE);
    fixtures.create(DPUServiceChain.class, CHAIN);
    String a = fixtures.nodeName("a");
    String b = fixtures.nodeName("b");
    String c = fixtures.nodeName("c");
    String x = fixtures.nodeName("x");

    // the Set in each DPU cluster: same name and namespace, template metadata, spec copied, set finalizer
    for (KubernetesClient dpu : List.of(dpu1, dpu2)) {
      await().atMost(WAIT).untilAsserted(() -> {
        ServiceInterfaceSet set = dpu.resources(ServiceInterfaceSet.class).inNamespace(ns).withName("p0-sf").get();
        assertThat(set).isNotNull();
        assertThat(set.getMetadata().getLabels()).isEqualTo(Map.of("team", "net"));
        assertThat(set.getMetadata().getAnnotations()).containsEntry("note", "set");
        assertThat(set.getMetadata().getFinalizers()).containsExactly(ServiceInterfaceSet.FINALIZER);
        assertThat(set.getSpec().getNodeSelector().getMatchLabels()).containsEntry("bfb", "dk");
        assertThat(set.getSpec().getTemplate().getSpec().getService().getInterfaceName()).isEqualTo("p0_if");
        assertThat(set.getMetadata().getManagedFields())
            .anyMatch(m -> DPUServiceInterface.FIELD_OWNER.equals(m.getManager()));
      });
    }

    // one ServiceInterface per selected node (A.1)
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(names(dpu1.resources(ServiceInterface.class).inNamespace(ns)
          .withLabel(ChainLabels.SERVICE_INTERFACE_SET_NAME, "p0-sf").list().getItems()))
          .containsExactlyInAnyOrder("p0-sf-" + a, "p0-sf-" + b);
      assertThat(names(dpu2.resources(ServiceInterface.class).inNamespace(ns)
          .withLabel(ChainLabels.SERVICE_INTERFACE_SET_NAME, "p0-sf").list().getItems()))
          .containsExactly("p0-sf-" + x);
    });
    ServiceInterface si = dpu1.resources(ServiceInterface.class).inNamespace(ns).withName("p0-sf-" + a).get();
    assertThat(si.getMetadata().getLabels()).isEqualTo(Map.of(
        ChainLabels.SERVICE_INTERFACE_SET_NAME, "p0-sf",
        ChainLabels.SERVICE_INTERFACE_SET_NAMESPACE, ns,
        ChainLabels.NODE_NAME, a,
        ChainLabels.SERVICE_ID, "doca-hbn",
        ChainLabels.INTERFACE, "p0_sf",
        ChainLabels.SERVICE, "doca-hbn"));
    assertThat(si.getSpec().getNode()).isEqualTo(a);
    assertThat(si.getSpec().getService().getServiceID()).isEqualTo("doca-hbn");
    assertThat(si.getSpec().getService().getNetwork()).isEqualTo("mybrhbn");
    OwnerReference owner = si.getMetadata().getOwnerReferences().get(0);
    ServiceInterfaceSet set1 = dpu1.resources(ServiceInterfaceSet.class).inNamespace(ns).withName("p0-sf").get();
    assertThat(owner.getKind()).isEqualTo("ServiceInterfaceSet");
    assertThat(owner.getUid()).isEqualTo(set1.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();

    // vf: parentInterfaceRef suffixed per node, every test node selected
    await().atMost(WAIT).untilAsserted(() -> {
      ServiceInterface vf = dpu1.resources(ServiceInterface.class).inNamespace(ns).withName("vf3-" + c).get();
      assertThat(vf).isNotNull();
      assertThat(vf.getSpec().getVf().getParentInterfaceRef()).isEqualTo("p0-" + c);
      assertThat(vf.getMetadata().getLabels()).doesNotContainKey(ChainLabels.SERVICE_ID);
    });

    // ServiceChains (A.2)
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(names(dpu1.resources(ServiceChain.class).inNamespace(ns).list().getItems()))
          .containsExactlyInAnyOrder("hbn-to-fabric-" + a, "hbn-to-fabric-" + b);
      assertThat(names(dpu2.resources(ServiceChain.class).inNamespace(ns).list().getItems()))
          .containsExactly("hbn-to-fabric-" + x);
    });
    ServiceChain chain = dpu2.resources(ServiceChain.class).inNamespace(ns).withName("hbn-to-fabric-" + x).get();
    assertThat(chain.getMetadata().getLabels()).isEqualTo(Map.of(
        ChainLabels.SERVICE_CHAIN_SET_NAME, "hbn-to-fabric",
        ChainLabels.SERVICE_CHAIN_SET_NAMESPACE, ns,
        ChainLabels.NODE_NAME, x,
        "chain", "hbn"));
    assertThat(chain.getSpec().getNode()).isEqualTo(x);
    assertThat(chain.getSpec().getSwitches().get(0).getPorts()).hasSize(2);
    assertThat(chain.getSpec().getSwitches().get(0).getPorts().get(1).getServiceInterface().getMatchLabels())
        .containsEntry(ChainLabels.INTERFACE, "p0_sf");

    // not Ready until the node agent reports the children Ready
    await().atMost(WAIT).untilAsserted(() -> {
      DPUServiceInterface dsi = host.resources(DPUServiceInterface.class).withName("p0-sf").get();
      assertThat(condition(dsi.getStatus(), DPUServiceInterface.CONDITION_SERVICE_INTERFACE_SET_RECONCILED)
          .getStatus()).isEqualTo(Conditions.TRUE);
      Condition ready = condition(dsi.getStatus(), DPUServiceInterface.CONDITION_SERVICE_INTERFACE_SET_READY);
      assertThat(ready.getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(ready.getMessage()).startsWith("Objects not ready: {Cluster: " + ns + "/dpu-cluster-1, Object: "
          + ns + "/p0-sf}");
      ServiceInterfaceSet set = dpu1.resources(ServiceInterfaceSet.class).inNamespace(ns).withName("p0-sf").get();
      assertThat(set.getStatus().getNumberApplied()).isEqualTo(2);
      assertThat(set.getStatus().getNumberReady()).isZero();
    });

    for (KubernetesClient dpu : List.of(dpu1, dpu2)) {
      dpu.resources(ServiceInterface.class).inNamespace(ns).list().getItems()
          .forEach(i -> ChainFixtures.markReady(dpu, i, ServiceInterfaceStatus::new));
      dpu.resources(ServiceChain.class).inNamespace(ns).list().getItems()
          .forEach(i -> ChainFixtures.markReady(dpu, i, ServiceChainStatus::new));
    }
    await().atMost(WAIT).untilAsserted(() -> {
      for (String name : List.of("p0-sf", "vf3")) {
        DPUServiceInterface dsi = host.resources(DPUServiceInterface.class).withName(name).get();
        assertThat(StatusConditions.isTrue(dsi.getStatus(), Conditions.READY)).as(name).isTrue();
        assertThat(dsi.getStatus().getObservedGeneration()).isEqualTo(dsi.getMetadata().getGeneration());
        assertThat(dsi.getStatus().getConditions().get(0).getType()).isEqualTo(Conditions.READY);
      }
      DPUServiceChain dsc = host.resources(DPUServiceChain.class).withName("hbn-to-fabric").get();
      assertThat(StatusConditions.isTrue(dsc.getStatus(), Conditions.READY)).isTrue();
      ServiceChainSet set = dpu2.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get();
      assertThat(set.getStatus().getNumberApplied()).isEqualTo(1);
      assertThat(set.getStatus().getNumberReady()).isEqualTo(1);
    });

    // node label changes: b de-selected (its children deleted), c selected (children created)
    fixtures.label(1, "b", "bfb", null);
    fixtures.label(1, "c", "bfb", "dk");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(names(dpu1.resources(ServiceInterface.class).inNamespace(ns)
          .withLabel(ChainLabels.SERVICE_INTERFACE_SET_NAME, "p0-sf").list().getItems()))
          .containsExactlyInAnyOrder("p0-sf-" + a, "p0-sf-" + c);
      assertThat(names(dpu1.resources(ServiceChain.class).inNamespace(ns).list().getItems()))
          .containsExactlyInAnyOrder("hbn-to-fabric-" + a, "hbn-to-fabric-" + c);
    });

    // a template change reaches every child
    Edits.edit(host.resources(DPUServiceInterface.class).withName("p0-sf"), d -> {
      d.getSpec().getTemplate().getSpec().getTemplate().getSpec().getService().setInterfaceName("p0_if2");
      return d;
    });
    await().atMost(WAIT).untilAsserted(() -> {
      for (String name : List.of("p0-sf-" + a, "p0-sf-" + c)) {
        assertThat(dpu1.resources(ServiceInterface.class).inNamespace(ns).withName(name).get().getSpec()
            .getService().getInterfaceName()).isEqualTo("p0_if2");
      }
      assertThat(dpu2.resources(ServiceInterface.class).inNamespace(ns).withName("p0-sf-" + x).get().getSpec()
          .getService().getInterfaceName()).isEqualTo("p0_if2");
    });

    // deleting the host objects leaves nothing behind in either DPU cluster
    host.resources(DPUServiceInterface.class).delete();
    host.resources(DPUServiceChain.class).delete();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(host.resources(DPUServiceInterface.class).list().getItems()).isEmpty();
      assertThat(host.resources(DPUServiceChain.class).list().getItems()).isEmpty();
      for (KubernetesClient dpu : List.of(dpu1, dpu2)) {
        assertThat(dpu.resources(ServiceInterfaceSet.class).inNamespace(ns).list().getItems()).isEmpty();
        assertThat(dpu.resources(ServiceInterface.class).inNamespace(ns).list().getItems()).isEmpty();
        assertThat(dpu.resources(ServiceChainSet.class).inNamespace(ns).list().getItems()).isEmpty();
        assertThat(dpu.resources(ServiceChain.class).inNamespace(ns).list().getItems()).isEmpty();
      }
    });
  }

  @Test
  void clusterThatIsNotReadyIsSkippedUntilItBecomesReady(KubeTestContext kube) {
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    var notReady = DpuClusterFixtures.staticCluster(kube, 2, "dpu-cluster-2");
    fixtures.create(DPUServiceChain.class, CHAIN);
    String x = fixtures.nodeName("x");

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(dpu1.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNotNull();
      DPUServiceChain dsc = host.resources(DPUServiceChain.class).withName("hbn-to-fabric").get();
      assertThat(StatusConditions.isTrue(dsc.getStatus(), DPUServiceChain.CONDITION_SERVICE_CHAIN_SET_RECONCILED))
          .isTrue();
      assertThat(condition(dsc.getStatus(), DPUServiceChain.CONDITION_SERVICE_CHAIN_SET_READY).getMessage())
          .contains("{Cluster: " + ns + "/dpu-cluster-2, Object: " + ns + "/hbn-to-fabric}");
    });
    assertThat(dpu2.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNull();

    // the cluster becomes Ready: the runtime starts its components and the chain is fanned out there too
    notReady = host.resources(dev.dpf.api.provisioning.v1alpha1.DPUCluster.class).withName("dpu-cluster-2").get();
    dev.dpf.api.provisioning.v1alpha1.DPUClusterStatus status = new dev.dpf.api.provisioning.v1alpha1.DPUClusterStatus();
    status.setPhase(dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase.READY);
    notReady.setStatus(status);
    host.resource(notReady).updateStatus();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(dpu2.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNotNull();
      assertThat(dpu2.resources(ServiceChain.class).inNamespace(ns).withName("hbn-to-fabric-" + x).get())
          .isNotNull();
    });
  }

  @Test
  void dpuClusterSelectorPicksClustersByLabel(KubeTestContext kube) {
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    DpuClusterFixtures.readyStaticCluster(kube, 2, "dpu-cluster-2");
    Edits.edit(host.resources(dev.dpf.api.provisioning.v1alpha1.DPUCluster.class).withName("dpu-cluster-2"), c -> {
      c.getMetadata().setLabels(Map.of("site", "b"));
      return c;
    });
    DPUServiceChain chain = fixtures.create(DPUServiceChain.class, CHAIN.replace("spec:\n  template:",
        "spec:\n  dpuClusterSelector: {matchLabels: {site: b}}\n  template:"));
    assertThat(chain.getSpec().getDpuClusterSelector()).isNotNull();
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(dpu2.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNotNull());
    assertThat(dpu1.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNull();

    // moving the label moves the Set: created in cluster 1, removed from cluster 2
    Edits.edit(host.resources(dev.dpf.api.provisioning.v1alpha1.DPUCluster.class).withName("dpu-cluster-2"), c -> {
      c.getMetadata().setLabels(Map.of());
      return c;
    });
    Edits.edit(host.resources(dev.dpf.api.provisioning.v1alpha1.DPUCluster.class).withName("dpu-cluster-1"), c -> {
      c.getMetadata().setLabels(Map.of("site", "b"));
      return c;
    });
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(dpu1.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNotNull();
      assertThat(dpu2.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNull();
      assertThat(dpu2.resources(ServiceChain.class).inNamespace(ns).list().getItems()).isEmpty();
    });
  }

  @Test
  void objectsLeftInAClusterThatWasNotReadyDuringDeletionAreRemovedWhenItIsReadyAgain(KubeTestContext kube) {
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    DpuClusterFixtures.readyStaticCluster(kube, 2, "dpu-cluster-2");
    fixtures.create(DPUServiceChain.class, CHAIN);
    String x = fixtures.nodeName("x");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(dpu2.resources(ServiceChain.class).inNamespace(ns).withName("hbn-to-fabric-" + x).get())
            .isNotNull());

    setPhase("dpu-cluster-2", dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase.NOT_READY);
    await().atMost(WAIT).until(() -> harness.context().dpuClusterRuntime().readyClusters().size() == 1);
    host.resources(DPUServiceChain.class).withName("hbn-to-fabric").delete();
    await().atMost(WAIT).until(() -> host.resources(DPUServiceChain.class).withName("hbn-to-fabric").get() == null);
    assertThat(dpu1.resources(ServiceChainSet.class).inNamespace(ns).list().getItems()).isEmpty();
    assertThat(dpu2.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get())
        .as("unreachable while not Ready").isNotNull();

    setPhase("dpu-cluster-2", dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase.READY);
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(dpu2.resources(ServiceChainSet.class).inNamespace(ns).list().getItems()).isEmpty();
      assertThat(dpu2.resources(ServiceChain.class).inNamespace(ns).list().getItems()).isEmpty();
    });
  }

  @Test
  void failureInOneClusterIsReportedAndRetriedUntilItSucceeds(KubeTestContext kube) {
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    DpuClusterFixtures.readyStaticCluster(kube, 2, "dpu-cluster-2");
    // the namespace in DPU cluster 2 is stuck terminating (a finalizer on an object in it): creates there fail
    dpu2.configMaps().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("hold").withFinalizers("test.dpf.dev/hold").endMetadata().build()).create();
    dpu2.namespaces().withName(ns).delete();
    await().atMost(WAIT).until(() -> dpu2.namespaces().withName(ns).get().getMetadata().getDeletionTimestamp()
        != null);

    fixtures.create(DPUServiceChain.class, CHAIN);
    await().atMost(WAIT).untilAsserted(() -> {
      DPUServiceChain dsc = host.resources(DPUServiceChain.class).withName("hbn-to-fabric").get();
      Condition reconciled = condition(dsc.getStatus(), DPUServiceChain.CONDITION_SERVICE_CHAIN_SET_RECONCILED);
      assertThat(reconciled.getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(reconciled.getReason()).isEqualTo(Conditions.REASON_ERROR);
      assertThat(reconciled.getMessage()).startsWith("Error occurred: DPUCluster " + ns + "/dpu-cluster-2: ")
          .contains("being terminated");
      assertThat(condition(dsc.getStatus(), Conditions.READY).getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(host.v1().events().list().getItems()).anyMatch(e -> "DPUClusterSyncFailed".equals(e.getReason())
          && "Warning".equals(e.getType()) && e.getInvolvedObject().getName().equals("hbn-to-fabric"));
    });
    // the healthy cluster is served regardless
    assertThat(dpu1.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNotNull();

    // release the namespace: the retry (exponential back-off) re-creates it and applies the Set
    dpu2.configMaps().inNamespace(ns).withName("hold").edit(c -> {
      c.getMetadata().setFinalizers(List.of());
      return c;
    });
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(dpu2.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNotNull();
      DPUServiceChain dsc = host.resources(DPUServiceChain.class).withName("hbn-to-fabric").get();
      assertThat(StatusConditions.isTrue(dsc.getStatus(), DPUServiceChain.CONDITION_SERVICE_CHAIN_SET_RECONCILED))
          .isTrue();
    });
  }

  @Test
  void serviceMtuAboveTheHighSpeedMtuIsAConditionUntilTheConfigAllowsIt(KubeTestContext kube) {
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    fixtures.create(dev.dpf.api.operator.v1alpha1.DPFOperatorConfig.class, """
        apiVersion: operator.dpu.nvidia.com/v1alpha1
        kind: DPFOperatorConfig
        metadata: {name: dpfoperatorconfig}
        spec:
          provisioningController: {bfbPVCName: bfb-pvc}
          networking: {controlPlaneMTU: 1500, highSpeedMTU: 1500}
        """);
    fixtures.create(DPUServiceChain.class, CHAIN.replace("- ports:", "- serviceMTU: 9000\n            ports:"));
    await().atMost(WAIT).untilAsserted(() -> {
      DPUServiceChain dsc = host.resources(DPUServiceChain.class).withName("hbn-to-fabric").get();
      Condition reconciled = condition(dsc.getStatus(), DPUServiceChain.CONDITION_SERVICE_CHAIN_SET_RECONCILED);
      assertThat(reconciled.getReason()).isEqualTo(Conditions.REASON_FAILURE);
      assertThat(reconciled.getMessage()).isEqualTo("spec.template.spec.template.spec.switches[0].serviceMTU 9000 "
          + "exceeds networking.highSpeedMTU 1500 of DPFOperatorConfig dpfoperatorconfig");
    });
    assertThat(dpu1.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNull();

    Edits.edit(host.resources(dev.dpf.api.operator.v1alpha1.DPFOperatorConfig.class).withName("dpfoperatorconfig"), c -> {
      c.getSpec().getNetworking().setHighSpeedMTU(9216);
      return c;
    });
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(dpu1.resources(ServiceChainSet.class).inNamespace(ns).withName("hbn-to-fabric").get()).isNotNull();
      DPUServiceChain dsc = host.resources(DPUServiceChain.class).withName("hbn-to-fabric").get();
      assertThat(StatusConditions.isTrue(dsc.getStatus(), DPUServiceChain.CONDITION_SERVICE_CHAIN_SET_RECONCILED))
          .isTrue();
    });
  }

  void setPhase(String cluster, dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase phase) {
    var c = host.resources(dev.dpf.api.provisioning.v1alpha1.DPUCluster.class).withName(cluster).get();
    c.getStatus().setPhase(phase);
    host.resource(c).updateStatus();
  }

  static Condition condition(dev.dpf.api.common.DpfStatus status, String type) {
    assertThat(status).isNotNull();
    return StatusConditions.find(status, type).orElseThrow(() -> new AssertionError("no condition " + type));
  }

  static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).toList();
  }
}
