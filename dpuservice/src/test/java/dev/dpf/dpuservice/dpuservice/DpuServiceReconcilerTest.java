package dev.dpf.dpuservice.dpuservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.dpuservice.DpuServiceModule;
import dev.dpf.dpuservice.argocd.ArgoCdStandIn;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DPUService controller on the real control plane with two DPU clusters. Argo CD does not run here: the
 * {@link ArgoCdStandIn} writes the Application status (sync/health) and completes cascade deletions as Argo CD would.
 */
@KubeTest
class DpuServiceReconcilerTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  KubeTestContext kube;
  KubernetesClient client;
  String ns;
  ControllerHarness harness;
  ArgoCdStandIn argo;

  @BeforeEach
  void start(KubeTestContext kube) {
    this.kube = kube;
    client = kube.client();
    ns = kube.namespace();
    client.resource(SERIALIZATION.unmarshal("""
        apiVersion: operator.dpu.nvidia.com/v1alpha1
        kind: DPFOperatorConfig
        metadata: {name: dpfoperatorconfig}
        spec: {provisioningController: {bfbPVCName: bfb-pvc}}
        """, DPFOperatorConfig.class)).create();
    DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
    DpuClusterFixtures.readyStaticCluster(kube, 2, "dpu-cluster-2");
    argo = new ArgoCdStandIn(client, ns);
    harness = ControllerHarness.start(kube, new DpuServiceModule()::register);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void prerequisitesAndOneApplicationPerClusterThenReadyWhenArgoReportsHealthy() throws Exception {
    client.secrets().resource(new SecretBuilder().withNewMetadata().withName("registry").withNamespace(ns)
        .addToLabels("dpu.nvidia.com/image-pull-secret", "").endMetadata().withType("kubernetes.io/dockerconfigjson")
        .addToData(".dockerconfigjson", b64("{\"auths\":{}}")).build()).create();
    create("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUService
        metadata: {name: doca-blueman-service}
        spec:
          helmChart:
            source: {repoURL: "oci://helm.ngc.nvidia.com/nvidia/doca", chart: doca-blueman, version: 1.0.8}
            values: {image: {tag: v1}, serviceDaemonSet: {labels: {example.com/team: user, extra: kept}}}
          serviceDaemonSet:
            updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 2}}
            labels: {example.com/team: infra}
            annotations: {example.com/owner: infra}
        """);
    String serviceId = ServiceIds.generated("doca-blueman-service", ns);

    await().atMost(WAIT).untilAsserted(() -> assertThat(argo.applications()).hasSize(2));
    for (int i = 1; i <= 2; i++) {
      GenericKubernetesResource app = argo.application("dpu-cluster-" + i + "-doca-blueman-service");
      assertThat(app.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
          "dpu.nvidia.com/cluster", "dpu-cluster-" + i,
          "dpu.nvidia.com/cluster-namespace", ns,
          "dpu.nvidia.com/dpuservice-name", "doca-blueman-service",
          "dpu.nvidia.com/dpuservice-namespace", ns,
          "dpu.nvidia.com/component", "dpuservice-manager"));
      assertThat(app.getMetadata().getFinalizers()).containsExactly("resources-finalizer.argocd.argoproj.io");
      assertThat(app.getMetadata().getOwnerReferences()).isNullOrEmpty();
      assertThat(tree(app.getAdditionalProperties().get("spec"))).isEqualTo(JSON.readTree("""
          {"project": "doca-platform-project-dpu",
           "source": {"repoURL": "helm.ngc.nvidia.com/nvidia/doca", "chart": "doca-blueman",
             "targetRevision": "1.0.8",
             "helm": {"valuesObject": {
               "serviceDaemonSet": {
                 "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 2}},
                 "labels": {"example.com/team": "infra", "svc.dpu.nvidia.com/service": "%s", "extra": "kept"},
                 "annotations": {"example.com/owner": "infra"}},
               "image": {"tag": "v1"}}}},
           "destination": {"name": "dpu-cluster-%d", "namespace": "%s"},
           "syncPolicy": {"automated": {"prune": true, "selfHeal": true}}}""".formatted(serviceId, i, ns)));

      // prerequisites in the DPU cluster: namespace (labelled) and the mirrored pull secret
      KubernetesClient dpu = kube.dpuClient(i);
      assertThat(dpu.namespaces().withName(ns).get().getMetadata().getLabels())
          .containsEntry("svc.dpu.nvidia.com/dpuservice-namespace", ns)
          .containsEntry("svc.dpu.nvidia.com/dpuservice-prereq", "true");
      Secret mirrored = dpu.secrets().inNamespace(ns).withName("registry").get();
      assertThat(mirrored.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
      assertThat(mirrored.getData()).containsEntry(".dockerconfigjson", b64("{\"auths\":{}}"));

      // Argo CD cluster secret: the DPU cluster's credentials, labelled for Argo CD, owned by the DPFOperatorConfig
      Secret cluster = client.secrets().inNamespace(ns).withName(ns + "-dpu-cluster-" + i).get();
      assertThat(cluster.getMetadata().getLabels()).containsEntry("argocd.argoproj.io/secret-type", "cluster")
          .containsEntry("dpu.nvidia.com/cluster", "dpu-cluster-" + i);
      assertThat(cluster.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getKind()).isEqualTo("DPFOperatorConfig"));
      assertThat(unb64(cluster.getData().get("name"))).isEqualTo("dpu-cluster-" + i);
      assertThat(unb64(cluster.getData().get("server"))).isEqualTo(kube.dpuCluster(i).url());
      JsonNode tls = JSON.readTree(unb64(cluster.getData().get("config"))).get("tlsClientConfig");
      assertThat(tls.fieldNames()).toIterable().containsExactlyInAnyOrder("caData", "keyData", "certData");
    }
    GenericKubernetesResource dpuProject = client.genericKubernetesResources("argoproj.io/v1alpha1", "AppProject")
        .inNamespace(ns).withName("doca-platform-project-dpu").get();
    assertThat(tree(((Map<?, ?>) dpuProject.getAdditionalProperties().get("spec")).get("destinations")))
        .isEqualTo(JSON.readTree("[{\"name\":\"dpu-cluster-1\",\"namespace\":\"*\"},"
            + "{\"name\":\"dpu-cluster-2\",\"namespace\":\"*\"}]"));
    assertThat(client.genericKubernetesResources("argoproj.io/v1alpha1", "AppProject").inNamespace(ns)
        .withName("doca-platform-project-host").get()).isNotNull();

    // before Argo CD synced: Ready False/Pending because of ApplicationsReady
    await().atMost(WAIT).untilAsserted(() -> {
      DPUService s = get("doca-blueman-service");
      assertThat(s.getStatus().getServiceID()).isEqualTo(serviceId);
      assertThat(s.getStatus().getConditions()).extracting(Condition::getType).containsExactly("Ready",
          "ApplicationPrereqsReconciled", "ApplicationsReconciled", "ApplicationsReady",
          "DPUServiceInterfaceReconciled", "ConfigPortsReconciled");
      assertCondition(s, "ApplicationsReady", "False", "Pending",
          "Application is not yet deployed., Application is not yet deployed.");
      assertCondition(s, "Ready", "False", "Pending", "The following conditions are not ready: ApplicationsReady");
      assertCondition(s, "ApplicationPrereqsReconciled", "True", "Success", "");
    });

    argo.report("dpu-cluster-1-doca-blueman-service", "OutOfSync", "Progressing");
    await().atMost(WAIT).untilAsserted(() -> assertThat(condition(get("doca-blueman-service"), "ApplicationsReady")
        .getMessage()).startsWith("Application is not ready (Sync: OutOfSync, Health: Progressing). Run 'kubectl "
            + "describe application dpu-cluster-1-doca-blueman-service -n " + ns + "' for details."));

    argo.allSyncedAndHealthy();
    await().atMost(WAIT).untilAsserted(() -> {
      DPUService s = get("doca-blueman-service");
      assertCondition(s, "Ready", "True", "Success", "");
      assertThat(s.getStatus().getObservedGeneration()).isEqualTo(s.getMetadata().getGeneration());
    });
    assertNoCredentialLeak("doca-blueman-service");

    // steady state: no further reconciles once everything is in place (no hot loop, status written only on change)
    double settled = reconciles();
    await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> reconciles() == settled);
  }

  @Test
  void updateInPlaceAndPauseResume() throws Exception {
    create(minimal("svc", "1.0.0"));
    await().atMost(WAIT).until(() -> argo.applications().size() == 2);
    String uid = argo.application("dpu-cluster-1-svc").getMetadata().getUid();

    edit("svc", s -> s.getSpec().getHelmChart().getSource().setVersion("1.1.0"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(targetRevision("dpu-cluster-1-svc")).isEqualTo("1.1.0"));
    assertThat(argo.application("dpu-cluster-1-svc").getMetadata().getUid()).as("updated, not re-created")
        .isEqualTo(uid);

    edit("svc", s -> s.getSpec().setPaused(true));
    await().atMost(WAIT).untilAsserted(() -> argo.applications().forEach(a ->
        assertThat(a.getMetadata().getAnnotations()).containsEntry("argocd.argoproj.io/skip-reconcile", "true")));
    edit("svc", s -> s.getSpec().getHelmChart().getSource().setVersion("2.0.0"));
    await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() ->
        assertThat(targetRevision("dpu-cluster-1-svc")).as("paused: not reconciled").isEqualTo("1.1.0"));

    edit("svc", s -> s.getSpec().setPaused(false));
    await().atMost(WAIT).untilAsserted(() -> {
      for (GenericKubernetesResource a : argo.applications()) {
        assertThat(a.getMetadata().getAnnotations()).doesNotContainKey("argocd.argoproj.io/skip-reconcile");
        assertThat(targetRevision(a.getMetadata().getName())).isEqualTo("2.0.0");
      }
    });
  }

  @Test
  void deletionRemovesApplicationsFirstThenTheFinalizer_andWaitsWhilePaused() throws Exception {
    client.secrets().resource(new SecretBuilder().withNewMetadata().withName("pull").withNamespace(ns)
        .addToLabels("dpu.nvidia.com/image-pull-secret", "x").endMetadata().addToData("k", b64("v")).build()).create();
    create(minimal("svc", "1.0.0"));
    await().atMost(WAIT).until(() -> argo.applications().size() == 2
        && kube.dpuClient(2).secrets().inNamespace(ns).withName("pull").get() != null);

    // paused: deletion waits
    edit("svc", s -> s.getSpec().setPaused(true));
    await().atMost(WAIT).until(() -> argo.applications().stream().allMatch(
        a -> a.getMetadata().getAnnotations() != null
            && "true".equals(a.getMetadata().getAnnotations().get("argocd.argoproj.io/skip-reconcile"))));
    client.resources(DPUService.class).withName("svc").delete();
    await().atMost(WAIT).untilAsserted(() -> assertCondition(get("svc"), "ApplicationsReconciled", "False",
        "AwaitingDeletion", DpuServiceDeletion.PAUSED_MESSAGE));
    assertThat(argo.applications()).allSatisfy(a -> assertThat(a.getMetadata().getDeletionTimestamp()).isNull());

    // resumed: Applications are deleted first (un-paused so Argo CD cascades), the DPUService waits for them
    edit("svc", s -> s.getSpec().setPaused(false));
    await().atMost(WAIT).untilAsserted(() -> {
      DPUService s = get("svc");
      assertCondition(s, "ApplicationsReconciled", "False", "AwaitingDeletion",
          "The following applications are awaiting deletion: " + ns + "/dpu-cluster-1-svc.argoproj.io, " + ns
              + "/dpu-cluster-2-svc.argoproj.io");
      assertThat(condition(s, "Ready").getReason()).isEqualTo("AwaitingDeletion");
      assertThat(s.getMetadata().getFinalizers()).contains("dpu.nvidia.com/dpuservice");
    });
    assertThat(argo.applications()).hasSize(2).allSatisfy(a -> {
      assertThat(a.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(a.getMetadata().getAnnotations()).doesNotContainEntry("argocd.argoproj.io/skip-reconcile", "true");
    });
    assertThat(kube.dpuClient(1).secrets().inNamespace(ns).withName("pull").get()).isNotNull();

    argo.finishDeletions();
    await().atMost(WAIT).until(() -> get("svc") == null);
    assertThat(argo.applications()).isEmpty();
    // the namespace's last DPUService is gone: mirrored pull secrets are removed from the DPU clusters
    await().atMost(WAIT).until(() -> kube.dpuClient(1).secrets().inNamespace(ns).withName("pull").get() == null
        && kube.dpuClient(2).secrets().inNamespace(ns).withName("pull").get() == null);
  }

  @Test
  void interfacesMissingThenCreatedThenConsumedByAnother() throws Exception {
    create("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUService
        metadata: {name: doca-hbn}
        spec:
          serviceID: doca-hbn
          interfaces: [p0-if, p1-if]
          serviceDaemonSet:
            annotations:
              k8s.v1.cni.cncf.io/networks: '[{"name": "iprequest", "interface": "ip_lo", "cni-args": {"poolType": "cidrpool", "poolNames": ["loopback"]}}]'
          helmChart:
            source: {repoURL: "https://helm.ngc.nvidia.com/nvidia/doca", chart: doca-hbn, version: 1.0.1}
        """);
    await().atMost(WAIT).untilAsserted(() -> assertCondition(get("doca-hbn"), "DPUServiceInterfaceReconciled",
        "False", "Error", "Unable to reconcile interfaces for dpuserviceinterfaces.svc.dpu.nvidia.com \"p0-if\" not "
            + "found"));
    assertThat(argo.applications()).as("not deployed while an interface is missing").isEmpty();
    assertThat(events("DPUServiceInterfaceReconciledError")).isNotEmpty();

    createInterface("p0-if", "doca-hbn", "p0_if");
    createInterface("p1-if", "doca-hbn", "p1_if");
    await().atMost(WAIT).untilAsserted(() -> {
      assertCondition(get("doca-hbn"), "DPUServiceInterfaceReconciled", "True", "Success", "");
      assertThat(argo.applications()).hasSize(2);
    });
    assertThat(consumer("p0-if")).isEqualTo("doca-hbn");
    assertThat(consumer("p1-if")).isEqualTo("doca-hbn");
    Map<?, ?> sds = (Map<?, ?>) valuesOf("dpu-cluster-1-doca-hbn").get("serviceDaemonSet");
    assertThat(((Map<?, ?>) sds.get("annotations")).get("k8s.v1.cni.cncf.io/networks")).isEqualTo(
        "[{\"name\":\"iprequest\",\"interface\":\"ip_lo\",\"cni-args\":{\"poolNames\":[\"loopback\"],\"poolType\":"
            + "\"cidrpool\"}},{\"name\":\"mybrhbn\",\"interface\":\"p0_if\"},{\"name\":\"mybrhbn\",\"interface\":"
            + "\"p1_if\"}]");
    assertThat(((Map<?, ?>) sds.get("labels")).get("svc.dpu.nvidia.com/service")).isEqualTo("doca-hbn");

    create("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUService
        metadata: {name: other}
        spec:
          serviceID: doca-hbn
          interfaces: [p0-if]
          helmChart:
            source: {repoURL: "https://helm.ngc.nvidia.com/nvidia/doca", chart: doca-hbn, version: 1.0.1}
        """);
    await().atMost(WAIT).untilAsserted(() -> assertCondition(get("other"), "DPUServiceInterfaceReconciled",
        "False", "Error", "Unable to reconcile interfaces for dpuServiceInterface p0-if is in use by another "
            + "DPUService"));

    // deleting the first DPUService releases the interfaces; the other one then takes p0-if (event driven)
    client.resources(DPUService.class).withName("doca-hbn").delete();
    await().atMost(WAIT).until(() -> !argo.finishDeletions().isEmpty() || get("doca-hbn") == null);
    await().atMost(WAIT).untilAsserted(() -> {
      argo.finishDeletions();
      assertThat(get("doca-hbn")).isNull();
      assertThat(consumer("p1-if")).isNull();
      assertThat(consumer("p0-if")).isEqualTo("other");
      assertCondition(get("other"), "DPUServiceInterfaceReconciled", "True", "Success", "");
    });
  }

  @Test
  void configPortsExposeTheDpuNodePortsInTheHostCluster() throws Exception {
    create("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUService
        metadata: {name: dummydpuservice, labels: {team: a}}
        spec:
          serviceID: dummydpuservice
          helmChart:
            source: {repoURL: "https://registry.example.com/dpf", chart: dummydpuservice-chart, version: v0.1.0}
          serviceDaemonSet:
            nodeSelector:
              nodeSelectorTerms:
              - matchExpressions: [{key: dpu, operator: In, values: [dpu]}]
          configPorts:
            serviceType: NodePort
            ports:
            - {name: exampletcp, port: 8080, protocol: TCP}
            - {name: exampleudp, port: 8081, protocol: UDP, nodePort: 30081}
        """);
    await().atMost(WAIT).untilAsserted(() -> assertCondition(get("dummydpuservice"), "ConfigPortsReconciled",
        "False", "Error", "Unable to reconcile Config Ports: multiple clusters are currently not supported"));
    Map<?, ?> exposed = (Map<?, ?>) valuesOf("dpu-cluster-1-dummydpuservice").get("exposedPorts");
    assertThat(tree(exposed)).isEqualTo(JSON.readTree("""
        {"labels": {"dpu.nvidia.com/dpuservice-name": "dummydpuservice", "dpu.nvidia.com/dpuservice-namespace": "%s"},
         "ports": {"exampletcp": true, "exampleudp": true}}""".formatted(ns)));

    // only DPU cluster 1 stays Ready
    DPUCluster c2 = client.resources(DPUCluster.class).withName("dpu-cluster-2").get();
    c2.getStatus().setPhase(DPUClusterPhase.NOT_READY);
    client.resource(c2).updateStatus();
    await().atMost(WAIT).untilAsserted(() -> assertThat(condition(get("dummydpuservice"), "ConfigPortsReconciled")
        .getMessage()).contains("expected 1 service, got 0"));

    // what the chart renders in the DPU cluster (Argo CD would apply it), and two DPU nodes, one selected
    KubernetesClient dpu = kube.dpuClient(1);
    String selected = ns + "-dpu-a";
    String other = ns + "-dpu-b";
    dpuNode(dpu, selected, Map.of("dpu", "dpu", "provisioning.dpu.nvidia.com/host", ns + "-host-a"), "10.0.110.21");
    dpuNode(dpu, other, Map.of("dpu", "other"), "10.0.110.22");
    try {
      Service chart = dpu.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata()
          .withName("dpu-cluster-1-dummydpuservice").withNamespace(ns)
          .addToLabels("dpu.nvidia.com/dpuservice-name", "dummydpuservice")
          .addToLabels("dpu.nvidia.com/dpuservice-namespace", ns).endMetadata()
          .withNewSpec().withType("NodePort")
          .addNewPort().withName("exampletcp").withPort(8080).withProtocol("TCP").endPort()
          .addNewPort().withName("exampleudp").withPort(8081).withProtocol("UDP").endPort()
          .addNewPort().withName("unrelated").withPort(9000).withProtocol("TCP").endPort()
          .endSpec().build()).create();
      Map<String, Integer> dpuNodePorts = Map.of(
          "exampletcp", chart.getSpec().getPorts().get(0).getNodePort(),
          "exampleudp", chart.getSpec().getPorts().get(1).getNodePort());

      await().atMost(WAIT).untilAsserted(() -> {
        DPUService s = get("dummydpuservice");
        assertCondition(s, "ConfigPortsReconciled", "True", "Success", "");
        assertThat(s.getStatus().getConfigPorts()).containsOnlyKeys("dpu-cluster-1");
        assertThat(tree(s.getStatus().getConfigPorts().get("dpu-cluster-1")).get(1))
            .isEqualTo(JSON.readTree("{\"name\":\"exampleudp\",\"port\":8081,\"protocol\":\"UDP\",\"nodePort\":30081}"));
        assertThat(s.getStatus().getConfigPorts().get("dpu-cluster-1").get(0).getNodePort()).isPositive();
      });
      Service host = client.services().withName("dummydpuservice").get();
      assertThat(host.getMetadata().getLabels()).containsEntry("dpu.nvidia.com/exposed-port-for-dpucluster",
          "dpu-cluster-1");
      assertThat(host.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getKind()).isEqualTo("DPUService"));
      assertThat(host.getSpec().getSelector()).isNullOrEmpty();
      assertThat(host.getSpec().getType()).isEqualTo("NodePort");
      assertThat(host.getSpec().getInternalTrafficPolicy()).isEqualTo("Local");
      assertThat(host.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
      assertThat(host.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort() + "->"
          + p.getTargetPort().getIntVal()).containsExactly("exampletcp:8080->" + dpuNodePorts.get("exampletcp"),
              "exampleudp:8081->" + dpuNodePorts.get("exampleudp"));
      EndpointSlice slice = client.discovery().v1().endpointSlices().withName("dummydpuservice").get();
      assertThat(slice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "dummydpuservice")
          .containsEntry("endpointslice.kubernetes.io/managed-by", "dpuservice-manager").containsEntry("team", "a");
      assertThat(slice.getEndpoints()).singleElement().satisfies(e -> {
        assertThat(e.getAddresses()).containsExactly("10.0.110.21");
        assertThat(e.getNodeName()).isEqualTo(ns + "-host-a");
        assertThat(e.getConditions().getReady()).isTrue();
      });
      assertThat(slice.getPorts()).extracting(p -> p.getName() + ":" + p.getPort()).containsExactly(
          "exampletcp:" + dpuNodePorts.get("exampletcp"), "exampleudp:" + dpuNodePorts.get("exampleudp"));

      // removing configPorts removes the host objects
      edit("dummydpuservice", s -> s.getSpec().setConfigPorts(null));
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(client.services().withName("dummydpuservice").get()).isNull();
        assertThat(client.discovery().v1().endpointSlices().withName("dummydpuservice").get()).isNull();
        assertThat(get("dummydpuservice").getStatus().getConfigPorts()).isNull();
      });
    } finally {
      dpu.nodes().withName(selected).delete();
      dpu.nodes().withName(other).delete();
    }
  }

  @Test
  void dpuClusterSelectorAndRemovedClusters() throws Exception {
    labelCluster("dpu-cluster-1");
    create(minimal("svc", "1.0.0").replace("spec:\n", "spec:\n  dpuClusterSelector: {matchLabels: {tier: a}}\n"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(argo.applications()).extracting(a -> a.getMetadata()
        .getName()).containsExactly("dpu-cluster-1-svc"));
    argo.allSyncedAndHealthy();
    await().atMost(WAIT).untilAsserted(() -> assertCondition(get("svc"), "Ready", "True", "Success", ""));
    // prerequisites still go to every Ready cluster
    assertThat(client.secrets().withName(ns + "-dpu-cluster-2").get()).isNotNull();

    labelCluster("dpu-cluster-2");
    await().atMost(WAIT).untilAsserted(() -> assertThat(argo.applications()).hasSize(2));
    await().atMost(WAIT).untilAsserted(() -> assertThat(condition(get("svc"), "ApplicationsReady").getStatus())
        .isEqualTo("False"));

    // a deleted DPUCluster: its Application and its Argo CD cluster Secret go away
    client.resources(DPUCluster.class).withName("dpu-cluster-2").delete();
    await().atMost(WAIT).untilAsserted(() -> {
      argo.finishDeletions();
      assertThat(argo.applications()).extracting(a -> a.getMetadata().getName()).containsExactly("dpu-cluster-1-svc");
      assertThat(client.secrets().withName(ns + "-dpu-cluster-2").get()).isNull();
      assertCondition(get("svc"), "Ready", "True", "Success", "");
    });
    assertThat(client.secrets().withName(ns + "-dpu-cluster-1").get()).isNotNull();
  }

  @Test
  void deployInClusterTargetsTheHostCluster() throws Exception {
    create("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUService
        metadata: {name: observer}
        spec:
          deployInCluster: true
          helmChart:
            source: {repoURL: "oci://registry.example.com/charts", chart: observer, version: 0.0.1}
        """);
    await().atMost(WAIT).until(() -> argo.application("in-cluster-observer") != null);
    GenericKubernetesResource app = argo.application("in-cluster-observer");
    assertThat(app.getMetadata().getLabels()).containsEntry("dpu.nvidia.com/cluster", "in-cluster")
        .doesNotContainKey("dpu.nvidia.com/cluster-namespace");
    Map<?, ?> spec = (Map<?, ?>) app.getAdditionalProperties().get("spec");
    assertThat(spec.get("project")).isEqualTo("doca-platform-project-host");
    assertThat(tree(spec.get("destination"))).isEqualTo(JSON.readTree(
        "{\"name\":\"in-cluster\",\"namespace\":\"" + ns + "\"}"));
    assertThat(((Map<?, ?>) spec.get("source")).get("repoURL")).isEqualTo("registry.example.com/charts");
    assertThat(argo.applications()).hasSize(1);
    argo.allSyncedAndHealthy();
    await().atMost(WAIT).untilAsserted(() -> assertCondition(get("observer"), "Ready", "True", "Success", ""));
  }

  // --- helpers

  static String minimal(String name, String version) {
    return """
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUService
        metadata: {name: %s}
        spec:
          helmChart:
            source: {repoURL: "https://charts.example.com/dpf", chart: demo, version: "%s"}
        """.formatted(name, version);
  }

  void create(String yaml) {
    client.resource(SERIALIZATION.unmarshal(yaml, DPUService.class)).create();
  }

  /** A user's edit: read, change, write; re-read and retry when the controller wrote in between (409). */
  void edit(String name, java.util.function.Consumer<DPUService> change) {
    await().atMost(WAIT).ignoreExceptionsMatching(e -> e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
        && k.getCode() == 409).until(() -> {
          client.resources(DPUService.class).withName(name).edit(s -> {
            change.accept(s);
            return s;
          });
          return true;
        });
  }

  void labelCluster(String name) {
    await().atMost(WAIT).ignoreExceptionsMatching(e -> e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
        && k.getCode() == 409).until(() -> {
          client.resources(DPUCluster.class).withName(name).edit(c -> {
            c.getMetadata().getLabels().put("tier", "a");
            return c;
          });
          return true;
        });
  }

  DPUService get(String name) {
    return client.resources(DPUService.class).withName(name).get();
  }

  void createInterface(String name, String serviceId, String interfaceName) {
    client.resource(SERIALIZATION.unmarshal("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: DPUServiceInterface
        metadata: {name: %s}
        spec:
          template:
            spec:
              template:
                metadata:
                  labels: {svc.dpu.nvidia.com/service: %s, svc.dpu.nvidia.com/interface: %s}
                spec:
                  interfaceType: service
                  service: {serviceID: %s, network: mybrhbn, interfaceName: %s}
        """.formatted(name, serviceId, interfaceName, serviceId, interfaceName), DPUServiceInterface.class)).create();
  }

  String consumer(String dsi) {
    Map<String, String> annotations = client.resources(DPUServiceInterface.class).withName(dsi).get().getMetadata()
        .getAnnotations();
    return annotations == null ? null : annotations.get("dpu.nvidia.com/consumed-by");
  }

  static void dpuNode(KubernetesClient dpu, String name, Map<String, String> labels, String ip) {
    dpu.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build())
        .create();
    dpu.nodes().withName(name).editStatus(n -> new NodeBuilder(n).withNewStatus().addNewAddress()
        .withType("InternalIP").withAddress(ip).endAddress().endStatus().build());
  }

  Map<?, ?> valuesOf(String application) {
    Map<?, ?> spec = (Map<?, ?>) argo.application(application).getAdditionalProperties().get("spec");
    return (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) spec.get("source")).get("helm")).get("valuesObject");
  }

  String targetRevision(String application) {
    Map<?, ?> spec = (Map<?, ?>) argo.application(application).getAdditionalProperties().get("spec");
    return (String) ((Map<?, ?>) spec.get("source")).get("targetRevision");
  }

  List<io.fabric8.kubernetes.api.model.Event> events(String reason) {
    return client.v1().events().list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
  }

  void assertNoCredentialLeak(String name) throws Exception {
    String status = SERIALIZATION.asJson(get(name).getStatus());
    String kubeconfig = kube.dpuCluster(1).adminKubeconfig();
    for (String line : kubeconfig.split("\n")) {
      if (line.contains("-data:")) {
        String secret = line.substring(line.indexOf(':') + 1).trim();
        assertThat(status).doesNotContain(secret);
        assertThat(client.v1().events().list().getItems()).allSatisfy(e ->
            assertThat(e.getMessage()).doesNotContain(secret));
      }
    }
  }

  double reconciles() {
    return harness.meters().find("operator.sdk.reconciliations.started").counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
  }

  static Condition condition(DPUService s, String type) {
    return StatusConditions.find(s.getStatus(), type).orElseThrow();
  }

  static void assertCondition(DPUService s, String type, String status, String reason, String message) {
    assertThat(s).isNotNull();
    assertThat(s.getStatus()).isNotNull();
    Condition c = condition(s, type);
    assertThat(c.getStatus()).as(type + " status").isEqualTo(status);
    assertThat(c.getReason()).as(type + " reason").isEqualTo(reason);
    assertThat(c.getMessage()).as(type + " message").isEqualTo(message);
  }

  static JsonNode tree(Object o) {
    return JSON.valueToTree(o);
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String unb64(String s) {
    return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }
}
