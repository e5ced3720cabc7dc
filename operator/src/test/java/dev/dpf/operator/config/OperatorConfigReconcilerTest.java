package dev.dpf.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceStatus;
import dev.dpf.common.runtime.DpfRuntimeConfig;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The DPFOperatorConfig controller on the real control plane (kube-controller-manager runs the DaemonSet controller;
 * no DPUService controller runs, so the tests write the DPUServices' Ready condition as that controller would).
 */
@KubeTest
class OperatorConfigReconcilerTest {

  static final KubernetesSerialization YAML = new KubernetesSerialization();
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String HOLD = "test.dpf.dev/hold";
  static final List<String> SYSTEM_DPUSERVICES = List.of("servicechainset-controller", "flannel", "multus",
      "sriov-device-plugin", "nvidia-k8s-ipam", "ovs-cni", "sfc-controller", "ovs-helper");

  static String seed(String ns) {
    return """
        apiVersion: operator.dpu.nvidia.com/v1alpha1
        kind: DPFOperatorConfig
        metadata: {name: dpfoperatorconfig, namespace: %s}
        spec:
          imagePullSecrets: [dpf-pull-secret]
          provisioningController: {bfbPVCName: bfb-pvc, dmsTimeout: 900}
          staticClusterManager: {}
          kamajiClusterManager: {disable: true}
          networking: {controlPlaneMTU: 1500, highSpeedMTU: 9000}
          sfcController: {image: registry.example.com/dpf-system:v24.10.1}
        """.formatted(ns);
  }

  static ControllerHarness start(KubeTestContext kube, OperatorConfigOptions options) {
    return ControllerHarness.start(kube, ctx -> new OperatorConfigModule(options).register(ctx));
  }

  static DPFOperatorConfig create(KubernetesClient client, String yaml) {
    return client.resource(YAML.unmarshal(yaml, DPFOperatorConfig.class)).create();
  }

  static void pullSecret(KubernetesClient client, String ns, String name) {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns)
        .endMetadata().addToStringData(".dockerconfigjson", "{\"auths\":{}}").build()).create();
  }

  static DPFOperatorConfig config(KubernetesClient client, String ns, String name) {
    return client.resources(DPFOperatorConfig.class).inNamespace(ns).withName(name).get();
  }

  static Condition condition(DPFOperatorConfig c, String type) {
    return StatusConditions.find(c.getStatus(), type).orElseThrow(() -> new AssertionError("no condition " + type));
  }

  /** Edits the spec, retrying when the controller's status write got in between (optimistic locking). */
  static void edit(KubernetesClient client, String ns, UnaryOperator<DPFOperatorConfig> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.resources(DPFOperatorConfig.class).inNamespace(ns).withName("dpfoperatorconfig").edit(change);
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  static List<DPUService> systemServices(KubernetesClient client, String ns) {
    return client.resources(DPUService.class).inNamespace(ns).withLabel(OperatorLabels.COMPONENT).list().getItems();
  }

  /** Writes a DPUService's Ready condition as the DPUService controller would (server-side apply on status). */
  static void setReady(KubernetesClient client, String ns, String name, boolean ready) {
    DPUService patch = new DPUService();
    patch.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    DPUServiceStatus status = new DPUServiceStatus();
    status.setConditions(new java.util.ArrayList<>(List.of(new ConditionBuilder().withType(Conditions.READY)
        .withStatus(ready ? Conditions.TRUE : Conditions.FALSE).withReason(ready ? "Success" : "Pending")
        .withMessage("").withLastTransitionTime(Instant.now().toString().replaceAll("\\.\\d+Z$", "Z")).build())));
    patch.setStatus(status);
    client.resource(patch).subresource("status").patch(new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("test-dpuservice-controller").withForce(true)
        .build());
  }

  static List<Event> events(KubernetesClient client, String ns, String reason) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason())).toList();
  }

  /** Removes finalizers so the test namespace can go away (the operator is stopped by then). */
  static void release(KubernetesClient client, String ns) {
    for (Class<? extends HasMetadata> kind : List.of(DPFOperatorConfig.class, DPUDeployment.class,
        DPUServiceChain.class, DPUService.class, DPUCluster.class)) {
      client.resources(kind).inNamespace(ns).list().getItems().forEach(o -> {
        if (o.getMetadata().getFinalizers() != null && !o.getMetadata().getFinalizers().isEmpty()) {
          client.resources(kind).inNamespace(ns).withName(o.getMetadata().getName())
              .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
        }
      });
    }
  }

  static void dropHold(KubernetesClient client, Class<? extends HasMetadata> kind, String ns, String name) {
    client.resources(kind).inNamespace(ns).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
  }

  @Test
  void seedConfigYieldsTheSystemComponentsAndReadinessFollowsThem(KubeTestContext kube) {
    KubernetesClient client = kube.client();
    String ns = kube.namespace();
    OperatorConfigOptions options = OperatorConfigOptions.defaults();
    String node = "dpu-host-" + ns;
    try (ControllerHarness harness = start(kube, options)) {
      create(client, seed(ns));
      // the listed pull secret is missing: nothing else happens
      await().atMost(WAIT).untilAsserted(() -> {
        Condition c = condition(config(client, ns, "dpfoperatorconfig"),
            DPFOperatorConfig.CONDITION_IMAGE_PULL_SECRETS_RECONCILED);
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("Error");
        assertThat(c.getMessage()).isEqualTo("Image pull secrets must be reconciled for DPF Operator to continue: "
            + "secrets \"dpf-pull-secret\" not found");
      });
      assertThat(systemServices(client, ns)).isEmpty();
      assertThat(events(client, ns, OperatorConfigReconciler.EVENT_IMAGE_PULL_SECRETS_MISSING)).isNotEmpty();

      pullSecret(client, ns, "dpf-pull-secret");
      await().atMost(WAIT).untilAsserted(() -> assertThat(systemServices(client, ns))
          .extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SYSTEM_DPUSERVICES));
      assertThat(client.secrets().inNamespace(ns).withName("dpf-pull-secret").get().getMetadata().getLabels())
          .containsEntry(OperatorLabels.IMAGE_PULL_SECRET, "");

      DPFOperatorConfig cfg = config(client, ns, "dpfoperatorconfig");
      DPUService sfc = client.resources(DPUService.class).inNamespace(ns).withName("sfc-controller").get();
      assertThat(sfc.getMetadata().getLabels()).containsEntry("dpu.nvidia.com/component", "sfc-controller")
          .containsEntry("applyset.kubernetes.io/part-of", ApplySets.id("sfc-controller", ns));
      assertThat(sfc.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(cfg.getMetadata().getUid()));
      assertThat(sfc.getSpec().getHelmChart().getValues()).isEqualTo(Map.of("sfc-controller", Map.of(
          "enabled", true, "imagePullSecrets", List.of(Map.of("name", "dpf-pull-secret")),
          "controllerManager", Map.of("manager", Map.of("image", Map.of("repository",
              "registry.example.com/dpf-system", "tag", "v24.10.1"), "args", List.of("--mode=dpu"))))));
      DPUService flannel = client.resources(DPUService.class).inNamespace(ns).withName("flannel").get();
      assertThat(flannel.getSpec().getHelmChart().getSource().getRepoURL()).isEqualTo("oci://ghcr.io/nvidia");
      assertThat(flannel.getSpec().getHelmChart().getSource().getChart()).isEqualTo("dpu-networking");
      assertThat(flannel.getSpec().getHelmChart().getSource().getVersion()).isEqualTo("v24.10.0");
      assertThat(flannel.getSpec().getHelmChart().getValues()).isEqualTo(Map.of("flannel", Map.of("enabled", true,
          "imagePullSecrets", List.of(Map.of("name", "dpf-pull-secret")), "flannel", Map.of("mtu", "1500"))));
      assertThat(client.resources(DPUService.class).inNamespace(ns).withName("multus").get().getSpec().getHelmChart()
          .getValues().get("multus")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("mtu", "9000");

      Secret parent = client.secrets().inNamespace(ns).withName("sfc-controller-applyset").get();
      assertThat(parent.getMetadata().getLabels()).containsEntry("applyset.kubernetes.io/id",
          ApplySets.id("sfc-controller", ns)).containsEntry("dpu.nvidia.com/component", "sfc-controller");
      assertThat(parent.getMetadata().getAnnotations())
          .containsEntry("applyset.kubernetes.io/tooling", "dpf-operator/v0")
          .containsEntry("applyset.kubernetes.io/inventory", "DPUService.svc.dpu.nvidia.com/sfc-controller." + ns);
      assertThat(client.secrets().inNamespace(ns).withName("provisioning-controller-applyset").get().getMetadata()
          .getAnnotations()).containsEntry("applyset.kubernetes.io/inventory", "DaemonSet.apps/dpf-dpu-agent." + ns);
      // components that run in the operator process or do not exist here have no ApplySet
      assertThat(client.secrets().inNamespace(ns).withName("kamaji-cluster-manager-applyset").get()).isNull();

      DaemonSet agent = client.apps().daemonSets().inNamespace(ns).withName("dpf-dpu-agent").get();
      assertThat(agent.getMetadata().getOwnerReferences()).extracting("uid").containsExactly(cfg.getMetadata().getUid());
      var pod = agent.getSpec().getTemplate().getSpec();
      assertThat(pod.getServiceAccountName()).isEqualTo("dpf-dpu-agent");
      assertThat(pod.getHostNetwork()).isTrue();
      assertThat(pod.getImagePullSecrets()).extracting("name").containsExactly("dpf-pull-secret");
      assertThat(pod.getContainers().get(0).getImage()).isEqualTo(options.release().agentImage());
      assertThat(pod.getContainers().get(0).getArgs()).contains("--mode=host");

      await().atMost(WAIT).untilAsserted(() -> {
        DPFOperatorConfig c = config(client, ns, "dpfoperatorconfig");
        assertThat(c.getMetadata().getFinalizers()).contains("dpu.nvidia.com/dpfoperatorconfig");
        assertThat(c.getStatus().getObservedGeneration()).isEqualTo(c.getMetadata().getGeneration());
        assertThat(c.getStatus().getVersion()).isEqualTo(options.version());
        assertThat(c.getStatus().getConditions()).extracting(Condition::getType).containsExactly("Ready",
            "ImagePullSecretsReconciled", "PreUpgradeValidationReady", "SystemComponentsReady",
            "SystemComponentsReconciled");
        assertThat(condition(c, "SystemComponentsReconciled").getStatus()).isEqualTo("True");
        assertThat(condition(c, "ImagePullSecretsReconciled").getStatus()).isEqualTo("True");
        assertThat(condition(c, "SystemComponentsReady").getMessage()).startsWith("System components are not "
            + "ready: servicechainset-controller: DPUService " + ns + "/servicechainset-controller is not ready, ");
        assertThat(condition(c, "Ready").getReason()).isEqualTo("Pending");
      });
      DpfRuntimeConfig settings = harness.context().runtimeSettings().current();
      assertThat(settings.known()).isTrue();
      assertThat(settings.staticClusterManagerEnabled()).isTrue();
      assertThat(settings.kamajiClusterManagerEnabled()).isFalse();
      assertThat(settings.dmsTimeoutSeconds()).isEqualTo(900);

      // the DPUService controller (played by the test) reports them ready; no DPU host: the agent has nothing to run
      SYSTEM_DPUSERVICES.forEach(s -> setReady(client, ns, s, true));
      await().atMost(WAIT).untilAsserted(() -> {
        DPFOperatorConfig c = config(client, ns, "dpfoperatorconfig");
        assertThat(condition(c, "SystemComponentsReady").getStatus())
            .as(condition(c, "SystemComponentsReady").getMessage()).isEqualTo("True");
        assertThat(condition(c, "Ready").getStatus()).isEqualTo("True");
      });
      assertThat(events(client, ns, OperatorConfigReconciler.EVENT_READY)).isNotEmpty();

      setReady(client, ns, "multus", false);
      await().atMost(WAIT).untilAsserted(() -> assertThat(condition(config(client, ns, "dpfoperatorconfig"),
          "SystemComponentsReady").getMessage())
          .isEqualTo("System components are not ready: multus: DPUService " + ns + "/multus is not ready"));
      setReady(client, ns, "multus", true);

      // a DPU host appears: the agent's pod is not running (no kubelet here), so the DaemonSet is not ready
      client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
          .addToLabels("feature.node.kubernetes.io/dpu-enabled", "true").endMetadata().build()).create();
      await().atMost(WAIT).untilAsserted(() -> assertThat(condition(config(client, ns, "dpfoperatorconfig"),
          "SystemComponentsReady").getMessage()).isEqualTo("System components are not ready: "
          + "provisioning-controller: DaemonSet " + ns + "/dpf-dpu-agent has 0 numberReady, want 1"));
      assertThat(events(client, ns, OperatorConfigReconciler.EVENT_NOT_READY)).isNotEmpty();
      // the host goes away; its never-scheduled pod is removed too (no pod GC for unbound pods here), which makes the
      // DaemonSet controller count again
      client.nodes().withName(node).delete();
      await().atMost(WAIT).until(() -> client.nodes().withName(node).get() == null);
      client.pods().inNamespace(ns).withLabel(HostAgent.APP_LABEL, HostAgent.NAME).delete();
      await().atMost(WAIT).untilAsserted(() -> assertThat(condition(config(client, ns, "dpfoperatorconfig"),
          "SystemComponentsReady").getStatus()).as(() -> condition(config(client, ns, "dpfoperatorconfig"),
          "SystemComponentsReady").getMessage() + " " + YAML.asJson(client.apps().daemonSets().inNamespace(ns)
          .withName("dpf-dpu-agent").get().getStatus())).isEqualTo("True"));

      // a system object deleted by hand is re-applied
      client.resources(DPUService.class).inNamespace(ns).withName("ovs-helper").delete();
      await().atMost(WAIT).untilAsserted(() -> assertThat(client.resources(DPUService.class).inNamespace(ns)
          .withName("ovs-helper").get()).isNotNull().satisfies(s -> assertThat(s.getMetadata()
          .getDeletionTimestamp()).isNull()));
    } finally {
      client.nodes().withName(node).delete();
      release(client, ns);
    }
  }

  @Test
  void disablingAComponentRemovesItsObjectsAndSwitchesInProcessComponents(KubeTestContext kube) {
    KubernetesClient client = kube.client();
    String ns = kube.namespace();
    try (ControllerHarness harness = start(kube, OperatorConfigOptions.defaults())) {
      pullSecret(client, ns, "dpf-pull-secret");
      create(client, seed(ns));
      await().atMost(WAIT).until(() -> systemServices(client, ns).size() == SYSTEM_DPUSERVICES.size());

      // a user's DPUService named like a component is never touched (it is not part of the ApplySet)
      edit(client, ns, c -> {
        c.getSpec().setMultus(new dev.dpf.api.operator.v1alpha1.HelmComponentConfiguration());
        c.getSpec().getMultus().setDisable(true);
        c.getSpec().getProvisioningController().setDisable(true);
        c.getSpec().getStaticClusterManager().setDisable(true);
        c.getSpec().setKamajiClusterManager(null);
        return c;
      });
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(client.resources(DPUService.class).inNamespace(ns).withName("multus").get()).isNull();
        assertThat(client.secrets().inNamespace(ns).withName("multus-applyset").get()).isNull();
        assertThat(client.apps().daemonSets().inNamespace(ns).withName("dpf-dpu-agent").get()).isNull();
        assertThat(client.secrets().inNamespace(ns).withName("provisioning-controller-applyset").get()).isNull();
      });
      DpfRuntimeConfig s = harness.context().runtimeSettings().current();
      assertThat(s.staticClusterManagerEnabled()).isFalse();
      assertThat(s.kamajiClusterManagerEnabled()).isTrue();
      assertThat(s.provisioningControllerEnabled()).isFalse();
      assertThat(systemServices(client, ns)).hasSize(SYSTEM_DPUSERVICES.size() - 1);
      await().atMost(WAIT).untilAsserted(() -> assertThat(events(client, ns,
          OperatorConfigReconciler.EVENT_COMPONENT_DISABLED)).extracting(Event::getMessage).contains(
          "multus disabled", "static-cluster-manager disabled (in the operator process)",
          "provisioning-controller disabled (in the operator process)"));

      // a foreign object with a component's name is not deleted by the pruning
      client.resource(new SecretBuilder().withNewMetadata().withName("not-ours").withNamespace(ns).endMetadata()
          .build()).create();
      // removing the sub-object enables the component again (default enabled)
      edit(client, ns, c -> {
        c.getSpec().setMultus(null);
        c.getSpec().getProvisioningController().setDisable(null);
        return c;
      });
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(client.resources(DPUService.class).inNamespace(ns).withName("multus").get()).isNotNull();
        assertThat(client.apps().daemonSets().inNamespace(ns).withName("dpf-dpu-agent").get()).isNotNull();
      });
      assertThat(client.secrets().inNamespace(ns).withName("not-ours").get()).isNotNull();
      await().atMost(WAIT).untilAsserted(() -> assertThat(condition(config(client, ns, "dpfoperatorconfig"),
          "SystemComponentsReconciled").getStatus()).isEqualTo("True"));

      // a malformed chart override is a Failure of that component only
      edit(client, ns, c -> {
        c.getSpec().setOvsHelper(new dev.dpf.api.operator.v1alpha1.HelmComponentConfiguration());
        c.getSpec().getOvsHelper().setHelmChart("oci://registry.example.com/ovs-helper");
        return c;
      });
      await().atMost(WAIT).untilAsserted(() -> {
        Condition c = condition(config(client, ns, "dpfoperatorconfig"), "SystemComponentsReconciled");
        assertThat(c.getReason()).isEqualTo("Failure");
        assertThat(c.getMessage()).isEqualTo("ovs-helper: failed to parse helm chart source: invalid format "
            + "oci://registry.example.com/ovs-helper");
        assertThat(condition(config(client, ns, "dpfoperatorconfig"), "Ready").getReason()).isEqualTo("Failure");
      });
      assertThat(client.resources(DPUService.class).inNamespace(ns).withName("ovs-helper").get()).isNotNull();
    } finally {
      release(client, ns);
    }
  }

  @Test
  void imagePullSecretsAreLabelledAndUnlabelled(KubeTestContext kube) {
    KubernetesClient client = kube.client();
    String ns = kube.namespace();
    try (ControllerHarness harness = start(kube, OperatorConfigOptions.defaults())) {
      pullSecret(client, ns, "a");
      pullSecret(client, ns, "b");
      // labelled by someone else (e.g. a DPUServiceCredentialRequest output): not ours to remove
      client.resource(new SecretBuilder().withNewMetadata().withName("user").withNamespace(ns)
          .addToLabels(OperatorLabels.IMAGE_PULL_SECRET, "").endMetadata().build()).create();
      create(client, seed(ns).replace("[dpf-pull-secret]", "[a, b, user]"));
      await().atMost(WAIT).untilAsserted(() -> {
        for (String name : List.of("a", "b", "user")) {
          assertThat(client.secrets().inNamespace(ns).withName(name).get().getMetadata().getLabels())
              .containsEntry(OperatorLabels.IMAGE_PULL_SECRET, "");
        }
        assertThat(client.resources(DPUService.class).inNamespace(ns).withName("flannel").get()).isNotNull();
      });
      assertThat(client.resources(DPUService.class).inNamespace(ns).withName("flannel").get().getSpec()
          .getHelmChart().getValues().get("flannel")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("imagePullSecrets", List.of(Map.of("name", "a"), Map.of("name", "b"), Map.of("name", "user")));

      edit(client, ns, c -> {
        c.getSpec().setImagePullSecrets(List.of("b"));
        return c;
      });
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(client.secrets().inNamespace(ns).withName("a").get().getMetadata().getLabels())
            .doesNotContainKey(OperatorLabels.IMAGE_PULL_SECRET);
        assertThat(client.apps().daemonSets().inNamespace(ns).withName("dpf-dpu-agent").get().getSpec().getTemplate()
            .getSpec().getImagePullSecrets()).extracting("name").containsExactly("b");
      });
      assertThat(client.secrets().inNamespace(ns).withName("b").get().getMetadata().getLabels())
          .containsEntry(OperatorLabels.IMAGE_PULL_SECRET, "");
      assertThat(client.secrets().inNamespace(ns).withName("user").get().getMetadata().getLabels())
          .containsEntry(OperatorLabels.IMAGE_PULL_SECRET, "");
      assertThat(harness.context().runtimeSettings().current().imagePullSecrets()).containsExactly("b");

      // two missing secrets: Go's aggregate format
      edit(client, ns, c -> {
        c.getSpec().setImagePullSecrets(List.of("b", "x", "y"));
        return c;
      });
      await().atMost(WAIT).untilAsserted(() -> assertThat(condition(config(client, ns, "dpfoperatorconfig"),
          "ImagePullSecretsReconciled").getMessage()).isEqualTo("Image pull secrets must be reconciled for DPF "
          + "Operator to continue: [secrets \"x\" not found, secrets \"y\" not found]"));
    } finally {
      release(client, ns);
    }
  }

  @Test
  void pauseFreezesEverything(KubeTestContext kube) {
    KubernetesClient client = kube.client();
    String ns = kube.namespace();
    try (ControllerHarness harness = start(kube, OperatorConfigOptions.defaults())) {
      pullSecret(client, ns, "dpf-pull-secret");
      create(client, seed(ns));
      // a settled state: everything applied, only the DPUServices (no controller here) are not ready
      await().atMost(WAIT).untilAsserted(() -> {
        DPFOperatorConfig c = config(client, ns, "dpfoperatorconfig");
        assertThat(condition(c, "SystemComponentsReconciled").getStatus()).isEqualTo("True");
        assertThat(condition(c, "SystemComponentsReady").getMessage()).doesNotContain("DaemonSet");
      });
      edit(client, ns, c -> {
        c.getSpec().setOverrides(new dev.dpf.api.operator.v1alpha1.Overrides());
        c.getSpec().getOverrides().setPaused(true);
        return c;
      });
      edit(client, ns, c -> {
        c.getSpec().setMultus(new dev.dpf.api.operator.v1alpha1.HelmComponentConfiguration());
        c.getSpec().getMultus().setDisable(true);
        return c;
      });
      DPFOperatorConfig paused = config(client, ns, "dpfoperatorconfig");
      String statusBefore = YAML.asJson(paused.getStatus());
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        assertThat(client.resources(DPUService.class).inNamespace(ns).withName("multus").get()).isNotNull();
        assertThat(YAML.asJson(config(client, ns, "dpfoperatorconfig").getStatus())).isEqualTo(statusBefore);
      });
      assertThat(harness.context().runtimeSettings().current().enabled(OperatorLabels.MULTUS)).isTrue();
      assertThat(config(client, ns, "dpfoperatorconfig").getStatus().getObservedGeneration())
          .isLessThan(paused.getMetadata().getGeneration());

      edit(client, ns, c -> {
        c.getSpec().getOverrides().setPaused(false);
        return c;
      });
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(client.resources(DPUService.class).inNamespace(ns).withName("multus").get()).isNull();
        DPFOperatorConfig c = config(client, ns, "dpfoperatorconfig");
        assertThat(c.getStatus().getObservedGeneration()).isEqualTo(c.getMetadata().getGeneration());
      });
    } finally {
      release(client, ns);
    }
  }

  @Test
  void onlyTheSingletonIsReconciled(KubeTestContext kube) {
    KubernetesClient client = kube.client();
    String ns = kube.namespace();
    String other = ns + "-other";
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(other).endMetadata().build())
        .create();
    try (ControllerHarness harness = ControllerHarness.start(kube, s -> s.withWatchNamespaces(Set.of(ns, other)),
        ctx -> new OperatorConfigModule(OperatorConfigOptions.defaults()).register(ctx))) {
      await().atMost(WAIT).until(() -> harness.context().runtimeSettings().settled());
      assertThat(harness.context().runtimeSettings().current().known()).isFalse();
      create(client, seed(other));
      create(client, seed(ns).replace("name: dpfoperatorconfig", "name: second"));
      for (DPFOperatorConfig c : List.of(config(client, other, "dpfoperatorconfig"), config(client, ns, "second"))) {
        await().atMost(WAIT).untilAsserted(() -> {
          DPFOperatorConfig now = config(client, c.getMetadata().getNamespace(), c.getMetadata().getName());
          Condition ready = condition(now, "Ready");
          assertThat(ready.getStatus()).isEqualTo("False");
          assertThat(ready.getReason()).isEqualTo("Failure");
          assertThat(ready.getMessage()).isEqualTo("invalid config: only one object with name dpfoperatorconfig in "
              + "namespace " + ns + " is allowed");
        });
      }
      assertThat(events(client, other, OperatorConfigReconciler.EVENT_INVALID_CONFIG)).isNotEmpty();
      assertThat(systemServices(client, other)).isEmpty();
      assertThat(systemServices(client, ns)).isEmpty();
      assertThat(harness.context().runtimeSettings().current().known()).isFalse();
      // deleting a rejected config is not blocked by an uninstall
      client.resources(DPFOperatorConfig.class).inNamespace(other).withName("dpfoperatorconfig").delete();
      await().atMost(WAIT).until(() -> config(client, other, "dpfoperatorconfig") == null);
    } finally {
      release(client, other);
      release(client, ns);
      client.namespaces().withName(other).delete();
    }
  }

  @Test
  void uninstallDeletesStageByStage(KubeTestContext kube) {
    KubernetesClient client = kube.client();
    String ns = kube.namespace();
    try (ControllerHarness harness = start(kube, OperatorConfigOptions.defaults())) {
      pullSecret(client, ns, "dpf-pull-secret");
      create(client, seed(ns));
      await().atMost(WAIT).untilAsserted(() -> assertThat(condition(config(client, ns, "dpfoperatorconfig"),
          "SystemComponentsReconciled").getStatus()).isEqualTo("True"));
      // one object per stage, held by a finalizer the test removes; an interface without one goes at once
      client.resource(YAML.unmarshal("""
          apiVersion: svc.dpu.nvidia.com/v1alpha1
          kind: DPUDeployment
          metadata: {name: hbn-only, finalizers: [test.dpf.dev/hold]}
          spec:
            dpus: {bfb: bf-bundle, flavor: hbn, dpuSets: [{nameSuffix: s1}]}
            services: {hbn: {serviceTemplate: hbn, serviceConfiguration: hbn}}
          """, DPUDeployment.class)).inNamespace(ns).create();
      client.resource(YAML.unmarshal("""
          apiVersion: svc.dpu.nvidia.com/v1alpha1
          kind: DPUServiceChain
          metadata: {name: chain, finalizers: [test.dpf.dev/hold]}
          spec:
            template:
              spec:
                template:
                  spec:
                    switches:
                    - ports:
                      - serviceInterface: {matchLabels: {uplink: p0}}
                      - serviceInterface: {matchLabels: {uplink: p1}}
          """, DPUServiceChain.class)).inNamespace(ns).create();
      client.resource(YAML.unmarshal("""
          apiVersion: svc.dpu.nvidia.com/v1alpha1
          kind: DPUServiceInterface
          metadata: {name: p0}
          spec:
            template:
              spec:
                template:
                  metadata: {labels: {uplink: p0}}
                  spec: {interfaceType: physical, physical: {interfaceName: p0}}
          """, DPUServiceInterface.class)).inNamespace(ns).create();
      client.resource(YAML.unmarshal("""
          apiVersion: svc.dpu.nvidia.com/v1alpha1
          kind: DPUService
          metadata: {name: user-service, finalizers: [test.dpf.dev/hold]}
          spec:
            helmChart:
              source: {repoURL: https://registry.example.com/dpf, chart: dummy, version: v0.1.0}
          """, DPUService.class)).inNamespace(ns).create();
      client.resource(YAML.unmarshal("""
          apiVersion: provisioning.dpu.nvidia.com/v1alpha1
          kind: DPUCluster
          metadata: {name: dpu-cluster-1, finalizers: [test.dpf.dev/hold]}
          spec: {type: static, maxNodes: 10, version: v1.30.2, kubeconfig: dpu-cluster-1-admin-kubeconfig}
          """, DPUCluster.class)).inNamespace(ns).create();

      client.resources(DPFOperatorConfig.class).inNamespace(ns).withName("dpfoperatorconfig").delete();
      awaitStage(client, ns, "1 instances of resource Kind svc.dpu.nvidia.com/v1alpha1, Kind=DPUDeployment still "
          + "exist.");
      assertThat(deleting(client, DPUServiceChain.class, ns, "chain")).isFalse();
      assertThat(client.resources(DPUServiceInterface.class).inNamespace(ns).withName("p0").get()).isNotNull();
      assertThat(condition(config(client, ns, "dpfoperatorconfig"), "Ready").getReason())
          .isEqualTo("AwaitingDeletion");

      dropHold(client, DPUDeployment.class, ns, "hbn-only");
      awaitStage(client, ns, "1 instances of resource Kind svc.dpu.nvidia.com/v1alpha1, Kind=DPUServiceChain still "
          + "exist.");
      assertThat(client.resources(DPUServiceInterface.class).inNamespace(ns).withName("p0").get()).isNull();
      assertThat(deleting(client, DPUService.class, ns, "user-service")).isFalse();
      assertThat(systemServices(client, ns)).hasSize(SYSTEM_DPUSERVICES.size());

      dropHold(client, DPUServiceChain.class, ns, "chain");
      awaitStage(client, ns, "1 instances of resource Kind svc.dpu.nvidia.com/v1alpha1, Kind=DPUService still "
          + "exist.");
      assertThat(systemServices(client, ns)).isEmpty();
      assertThat(deleting(client, DPUCluster.class, ns, "dpu-cluster-1")).isFalse();

      dropHold(client, DPUService.class, ns, "user-service");
      awaitStage(client, ns, "1 instances of resource Kind provisioning.dpu.nvidia.com/v1alpha1, Kind=DPUCluster "
          + "still exist.");
      assertThat(client.apps().daemonSets().inNamespace(ns).withName("dpf-dpu-agent").get()).isNotNull();

      dropHold(client, DPUCluster.class, ns, "dpu-cluster-1");
      await().atMost(WAIT).until(() -> config(client, ns, "dpfoperatorconfig") == null);
      assertThat(client.apps().daemonSets().inNamespace(ns).withName("dpf-dpu-agent").get()).isNull();
      assertThat(client.secrets().inNamespace(ns).withLabel(OperatorLabels.APPLYSET_ID).list().getItems()).isEmpty();
      assertThat(client.secrets().inNamespace(ns).withName("dpf-pull-secret").get().getMetadata().getLabels())
          .doesNotContainKey(OperatorLabels.IMAGE_PULL_SECRET);
      assertThat(harness.context().runtimeSettings().current().known()).isFalse();
      assertThat(events(client, ns, OperatorConfigReconciler.EVENT_UNINSTALLING)).extracting(Event::getMessage)
          .anyMatch(m -> m.startsWith("Uninstall stage 1 of 4: deleting DPUDeployment"))
          .anyMatch(m -> m.startsWith("Uninstall stage 4 of 4: deleting DPUCluster"));
      assertThat(events(client, ns, OperatorConfigReconciler.EVENT_UNINSTALLED)).hasSize(1);
    } finally {
      release(client, ns);
    }
  }

  static void awaitStage(KubernetesClient client, String ns, String message) {
    await().atMost(WAIT).untilAsserted(() -> {
      Condition c = condition(config(client, ns, "dpfoperatorconfig"), "SystemComponentsReconciled");
      assertThat(c.getReason()).isEqualTo("AwaitingDeletion");
      assertThat(c.getMessage()).isEqualTo("System DPUServices awaiting deletion: " + message);
    });
  }

  static boolean deleting(KubernetesClient client, Class<? extends HasMetadata> kind, String ns, String name) {
    return client.resources(kind).inNamespace(ns).withName(name).get().getMetadata().getDeletionTimestamp() != null;
  }

  @Test
  void bfbVolumeMismatchAndUpgradeGate(KubeTestContext kube) {
    KubernetesClient client = kube.client();
    String ns = kube.namespace();
    OperatorConfigOptions v1 = OperatorConfigOptions.defaults().withVersion("1.1.0").withBfbPvcName("other-pvc");
    try (ControllerHarness harness = start(kube, v1)) {
      pullSecret(client, ns, "dpf-pull-secret");
      create(client, seed(ns));
      await().atMost(WAIT).untilAsserted(() -> {
        DPFOperatorConfig c = config(client, ns, "dpfoperatorconfig");
        Condition reconciled = condition(c, "SystemComponentsReconciled");
        assertThat(reconciled.getReason()).isEqualTo("Failure");
        assertThat(reconciled.getMessage()).isEqualTo("provisioning-controller: spec.provisioningController."
            + "bfbPVCName is \"bfb-pvc\" but the operator runs with the BFB volume claim \"other-pvc\" (chart value "
            + "bfb.pvcName): BFB files and DMS pods would use different volumes; make them equal");
        assertThat(c.getStatus().getVersion()).isEqualTo("1.1.0");
      });
      // everything else is still deployed
      assertThat(systemServices(client, ns)).hasSize(SYSTEM_DPUSERVICES.size());
    }
    edit(client, ns, c -> {
      c.getSpec().setOvsHelper(new dev.dpf.api.operator.v1alpha1.HelmComponentConfiguration());
      c.getSpec().getOvsHelper().setDisable(true);
      return c;
    });
    OperatorConfigOptions v2 = OperatorConfigOptions.defaults().withVersion("1.2.0").withBfbPvcName("bfb-pvc");
    try (ControllerHarness harness = start(kube, v2)) {
      await().atMost(WAIT).untilAsserted(() -> {
        Condition gate = condition(config(client, ns, "dpfoperatorconfig"), "PreUpgradeValidationReady");
        assertThat(gate.getStatus()).isEqualTo("False");
        assertThat(gate.getMessage()).startsWith("Validation must pass for DPF upgrade to continue:\n"
            + "System Components:\n  servicechainset-controller: DPUService " + ns + "/servicechainset-controller is "
            + "not ready\n");
      });
      // nothing is reconciled while the gate is closed
      assertThat(client.resources(DPUService.class).inNamespace(ns).withName("ovs-helper").get()).isNotNull();
      assertThat(config(client, ns, "dpfoperatorconfig").getStatus().getVersion()).isEqualTo("1.1.0");
      SYSTEM_DPUSERVICES.forEach(s -> setReady(client, ns, s, true));
      await().atMost(WAIT).untilAsserted(() -> {
        DPFOperatorConfig c = config(client, ns, "dpfoperatorconfig");
        assertThat(condition(c, "PreUpgradeValidationReady").getStatus()).isEqualTo("True");
        assertThat(condition(c, "SystemComponentsReconciled").getStatus()).isEqualTo("True");
        assertThat(c.getStatus().getVersion()).isEqualTo("1.2.0");
        assertThat(client.resources(DPUService.class).inNamespace(ns).withName("ovs-helper").get()).isNull();
      });
      assertThat(events(client, ns, OperatorConfigReconciler.EVENT_UPGRADED)).extracting(Event::getMessage)
          .contains("DPF upgraded from 1.1.0 to 1.2.0");
    } finally {
      release(client, ns);
    }
  }
}
