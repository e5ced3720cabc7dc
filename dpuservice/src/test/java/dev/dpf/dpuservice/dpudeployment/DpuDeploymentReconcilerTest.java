package dev.dpf.dpuservice.dpudeployment;

import static dev.dpf.dpuservice.dpudeployment.DeploymentFixtures.example;
import static dev.dpf.dpuservice.dpudeployment.DeploymentFixtures.markReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.dpuservice.template.DpuServiceConfigurationReconciler;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DPUDeployment controller on the real API server with the upstream hbn example (reference 16.5). No DPUService,
 * DPUSet or chain controllers run here: where the test needs a generated object to be Ready it writes that status
 * itself, as those controllers would.
 */
@KubeTest
@SuppressWarnings({"unchecked", "rawtypes"})
class DpuDeploymentReconcilerTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  ControllerHarness harness;
  KubernetesClient client;
  String ns;

  @BeforeEach
  void start(KubeTestContext kube) {
    client = kube.client();
    ns = kube.namespace();
    harness = ControllerHarness.start(kube, DeploymentFixtures::register);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** The hbn example; the flavor gets {@code nvidia.com/sf: 20} so that the template's 3 SFs fit. */
  void hbnExample(boolean fittingFlavor) {
    DeploymentFixtures.readyBfb(client, ns);
    DPUFlavor flavor = example("04-dpuflavor-dpf-provisioning-hbn.yaml", DPUFlavor.class, ns);
    if (fittingFlavor) {
      flavor.getSpec().getDpuResources().put("nvidia.com/sf", new IntOrString(20));
    }
    client.resource(flavor).create();
    client.resource(example("05-dpuservicetemplate-hbn.yaml", DPUServiceTemplate.class, ns)).create();
    client.resource(example("06-dpuserviceconfiguration-hbn.yaml", DPUServiceConfiguration.class, ns)).create();
    client.resource(example("07-dpudeployment-hbn-only.yaml", DPUDeployment.class, ns)).create();
  }

  @Test
  void hbnExampleGeneratesItsObjects() {
    hbnExample(true);
    String owner = ns + "_hbn-only";
    DPUService svc = await().atMost(WAIT).until(() -> owned(DPUService.class), l -> l.size() == 1).get(0);
    String name = svc.getMetadata().getName();
    assertThat(name).matches("hbn-[bcdfghjklmnpqrstvwxz2456789]{5}");
    String suffix = name.substring(4);
    assertThat(svc.getMetadata().getLabels()).containsEntry(ServiceLabels.OWNED_BY_DPUDEPLOYMENT, owner)
        .containsEntry(ServiceLabels.DPUDEPLOYMENT_SERVICE, "hbn");
    assertThat(svc.getMetadata().getAnnotations()).containsKey(ServiceLabels.DPUSERVICE_VERSION);
    assertThat(svc.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(r -> assertThat(r.getKind()).isEqualTo("DPUDeployment"))
        .satisfies(r -> assertThat(r.getController()).isTrue());
    assertThat(svc.getSpec().getServiceID()).isEqualTo("dpudeployment_hbn-only_hbn");
    assertThat(svc.getSpec().getInterfaces()).containsExactly("hbn-p0-if-" + suffix, "hbn-p1-if-" + suffix);
    assertThat(svc.getSpec().getHelmChart().getSource().getChart()).isEqualTo("doca-hbn");
    Map<String, Object> values = svc.getSpec().getHelmChart().getValues();
    assertThat(values).containsKeys("image", "resources", "configuration");
    assertThat((Map<String, Object>) (Map) values.get("image")).containsEntry("tag", "2.4.1-doca2.9.1");
    assertThat((Map<String, Object>) (Map) values.get("configuration")).containsKeys("perDPUValuesYAML", "startupYAMLJ2");
    assertThat(svc.getSpec().getServiceDaemonSet().getAnnotations()).containsKey(ServiceLabels.MULTUS_NETWORKS);
    assertThat(svc.getSpec().getServiceDaemonSet().getNodeSelector().getNodeSelectorTerms().get(0)
        .getMatchExpressions()).anySatisfy(e -> {
          assertThat(e.getKey()).isEqualTo("svc.dpu.nvidia.com/dpuservice-hbn-version");
          assertThat(e.getValues()).containsExactly(name);
        });

    List<DPUServiceInterface> ifcs = await().atMost(WAIT).until(() -> owned(DPUServiceInterface.class),
        l -> l.size() == 2);
    DPUServiceInterface p0 = ifcs.stream().filter(i -> i.getMetadata().getName().equals("hbn-p0-if-" + suffix))
        .findFirst().orElseThrow();
    var set = p0.getSpec().getTemplate().getSpec();
    assertThat(set.getTemplate().getMetadata().getLabels()).containsEntry(ServiceLabels.SERVICE,
        "dpudeployment_hbn-only_hbn").containsEntry(ServiceLabels.INTERFACE, "p0_if");
    assertThat(set.getTemplate().getSpec().getService().getNetwork()).isEqualTo("mybrhbn");
    assertThat(set.getNodeSelector().getMatchExpressions()).extracting(e -> e.getValues().get(0))
        .containsExactlyInAnyOrder(name, owner);

    DPUServiceChain chain = await().atMost(WAIT).until(() -> owned(DPUServiceChain.class), l -> l.size() == 1)
        .get(0);
    assertThat(chain.getMetadata().getName()).matches("hbn-only-[a-z0-9]{5}");
    var switches = chain.getSpec().getTemplate().getSpec().getTemplate().getSpec().getSwitches();
    assertThat(switches).hasSize(2);
    assertThat(switches.get(0).getPorts()).extracting(p -> p.getServiceInterface().getMatchLabels())
        .containsExactly(Map.of("uplink", "p0"), Map.of(ServiceLabels.SERVICE, "dpudeployment_hbn-only_hbn",
            ServiceLabels.INTERFACE, "p0_if"));

    DPUSet dpuSet = await().atMost(WAIT).until(() -> client.resources(DPUSet.class).withName("hbn-only-dpuset1")
        .get(), s -> s != null);
    assertThat(dpuSet.getMetadata().getLabels()).containsEntry(ServiceLabels.OWNED_BY_DPUDEPLOYMENT, owner);
    assertThat(dpuSet.getSpec().getNodeSelector().getMatchLabels())
        .containsEntry("feature.node.kubernetes.io/dpu-enabled", "true");
    assertThat(dpuSet.getSpec().getDpuTemplate().getSpec().getBfb().getName()).isEqualTo("bf-bundle");
    assertThat(dpuSet.getSpec().getDpuTemplate().getSpec().getDpuFlavor()).isEqualTo("dpf-provisioning-hbn");
    assertThat(dpuSet.getSpec().getDpuTemplate().getSpec().getCluster().getNodeLabels())
        .containsEntry(ServiceLabels.OWNED_BY_DPUDEPLOYMENT, owner)
        .containsEntry("svc.dpu.nvidia.com/dpuservice-hbn-version", name)
        .containsEntry(ServiceLabels.DPUSERVICECHAIN_VERSION, chain.getMetadata().getName());

    String label = ServiceLabels.consumedByDpuDeploymentLabel(Digests.consumerDigest(ns, "hbn-only"));
    for (HasMetadata dep : List.of(get(BFB.class, "bf-bundle"), get(DPUFlavor.class, "dpf-provisioning-hbn"),
        get(DPUServiceTemplate.class, "hbn"), get(DPUServiceConfiguration.class, "hbn"))) {
      assertThat(dep.getMetadata().getFinalizers()).contains(DPUDeployment.FINALIZER);
      assertThat(dep.getMetadata().getLabels()).containsEntry(label, "");
    }
    await().atMost(WAIT).untilAsserted(() -> {
      DPUDeployment d = get(DPUDeployment.class, "hbn-only");
      assertThat(cond(d, DPUDeployment.CONDITION_PREREQUISITES_READY).getStatus()).isEqualTo("True");
      assertThat(cond(d, DPUDeployment.CONDITION_RESOURCE_FITTING_READY).getStatus()).isEqualTo("True");
      assertThat(cond(d, DPUDeployment.CONDITION_VERSION_MATCHING_READY).getStatus()).isEqualTo("True");
      assertThat(cond(d, DPUDeployment.CONDITION_DPUSERVICES_RECONCILED).getStatus()).isEqualTo("True");
      assertThat(cond(d, DPUDeployment.CONDITION_DPUSERVICES_READY).getMessage())
          .isEqualTo("Objects not ready: " + ns + "/" + name);
      assertThat(cond(d, Conditions.READY).getReason()).isEqualTo(Conditions.REASON_PENDING);
    });
    assertThat(StatusConditions.find(get(DPUServiceConfiguration.class, "hbn").getStatus(),
        DpuServiceConfigurationReconciler.CONDITION_CONSUMED)).get()
        .satisfies(c -> assertThat(c.getMessage()).contains(ns + "/hbn-only"));

    // the generated objects' controllers report Ready: the DPUDeployment becomes Ready
    markReady(client, svc);
    ifcs.forEach(i -> markReady(client, i));
    markReady(client, chain);
    markReady(client, dpuSet);
    await().atMost(WAIT).untilAsserted(() -> assertThat(cond(get(DPUDeployment.class, "hbn-only"), Conditions.READY)
        .getStatus()).isEqualTo("True"));
  }

  @Test
  void overCommittedFlavorIsRejected() {
    hbnExample(false); // the upstream flavor lists no nvidia.com/sf, the hbn template needs 3
    await().atMost(WAIT).untilAsserted(() -> {
      DPUDeployment d = get(DPUDeployment.class, "hbn-only");
      Condition fit = cond(d, DPUDeployment.CONDITION_RESOURCE_FITTING_READY);
      assertThat(fit.getStatus()).isEqualTo("False");
      assertThat(fit.getReason()).isEqualTo(Conditions.REASON_FAILURE);
      assertThat(fit.getMessage()).isEqualTo("Error occurred: there are not enough resources for DPUServices to fit "
          + "in this DPUDeployment:  Additional resources needed: [nvidia.com/sf: 3]");
      assertThat(cond(d, Conditions.READY).getReason()).isEqualTo(Conditions.REASON_FAILURE);
    });
    assertThat(owned(DPUService.class)).isEmpty();
    assertThat(owned(DPUSet.class)).isEmpty();
  }

  @Test
  void disruptiveChangeCreatesANewRevisionAndRetiresTheOldOne() {
    hbnExample(true);
    DPUService first = await().atMost(WAIT).until(() -> owned(DPUService.class), l -> l.size() == 1).get(0);
    DPUSet set = await().atMost(WAIT).until(() -> get(DPUSet.class, "hbn-only-dpuset1"), s -> s != null);
    markReady(client, first);
    markReady(client, set);

    // disruptive (applyNodeEffect defaults to true): a new revision, the old one paused
    edit(DPUServiceConfiguration.class, "hbn", c -> {
      c.getSpec().getServiceConfiguration().getHelmChart().getValues().put("logLevel", "debug");
      return c;
    });
    List<DPUService> both = await().atMost(WAIT).until(() -> owned(DPUService.class), l -> l.size() == 2);
    DPUService second = both.stream().filter(s -> !s.getMetadata().getName().equals(first.getMetadata().getName()))
        .findFirst().orElseThrow();
    assertThat(second.getSpec().getHelmChart().getValues()).containsEntry("logLevel", "debug");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(get(DPUService.class, first.getMetadata().getName()).paused()).isTrue();
      DPUSet s = get(DPUSet.class, "hbn-only-dpuset1");
      assertThat(s.getSpec().getDpuTemplate().getSpec().getCluster().getNodeLabels())
          .containsEntry("svc.dpu.nvidia.com/dpuservice-hbn-version", second.getMetadata().getName());
      assertThat(s.getSpec().getDpuTemplate().getSpec().getNodeEffect().getUpgradePolicy().getApplyOnLabelChange())
          .isTrue();
      assertThat(owned(DPUServiceInterface.class)).hasSize(4);
    });

    // the new revision and the relabelled DPUSet become Ready: the old revision and its interfaces go
    markReady(client, second);
    markReady(client, get(DPUSet.class, "hbn-only-dpuset1"));
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(owned(DPUService.class)).extracting(s -> s.getMetadata().getName())
          .containsExactly(second.getMetadata().getName());
      assertThat(owned(DPUServiceInterface.class)).hasSize(2)
          .allSatisfy(i -> assertThat(i.getMetadata().getName()).endsWith(second.getMetadata().getName().substring(4)));
      assertThat(get(DPUSet.class, "hbn-only-dpuset1").getSpec().getDpuTemplate().getSpec().getNodeEffect()
          .getUpgradePolicy().getApplyOnLabelChange()).isFalse();
    });

    // non-disruptive: the current revision is updated in place
    edit(DPUServiceConfiguration.class, "hbn", c -> {
      c.getSpec().getUpgradePolicy().setApplyNodeEffect(false);
      c.getSpec().getServiceConfiguration().getHelmChart().getValues().put("logLevel", "info");
      return c;
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(owned(DPUService.class)).singleElement().satisfies(s -> {
      assertThat(s.getMetadata().getName()).isEqualTo(second.getMetadata().getName());
      assertThat(s.getSpec().getHelmChart().getValues()).containsEntry("logLevel", "info");
    }));
  }

  @Test
  void deletionIsOrderedAndLeavesNothing() {
    hbnExample(true);
    DPUService svc = await().atMost(WAIT).until(() -> owned(DPUService.class), l -> l.size() == 1).get(0);
    await().atMost(WAIT).until(() -> get(DPUSet.class, "hbn-only-dpuset1") != null);
    // stand-in for the DPUService controller's finalizer: the DPUService cannot go before it is finalized
    edit(DPUService.class, svc.getMetadata().getName(), s -> {
      s.getMetadata().getFinalizers().add(DPUService.FINALIZER);
      return s;
    });
    client.resources(DPUDeployment.class).withName("hbn-only").delete();
    await().atMost(WAIT).untilAsserted(() -> {
      DPUDeployment d = get(DPUDeployment.class, "hbn-only");
      Condition services = cond(d, DPUDeployment.CONDITION_DPUSERVICES_RECONCILED);
      assertThat(services.getReason()).isEqualTo(Conditions.REASON_AWAITING_DELETION);
      assertThat(services.getMessage()).isEqualTo("There are still 1 DPUServices that are not completely deleted");
      assertThat(cond(d, DPUDeployment.CONDITION_DPUSERVICECHAINS_RECONCILED).getMessage())
          .isEqualTo("All DPUServiceChains are deleted");
      assertThat(cond(d, Conditions.READY).getReason()).isEqualTo(Conditions.REASON_AWAITING_DELETION);
    });
    assertThat(get(DPUSet.class, "hbn-only-dpuset1")).as("DPUSets wait for the services").isNotNull();
    assertThat(owned(DPUServiceChain.class)).isEmpty();

    edit(DPUService.class, svc.getMetadata().getName(), s -> {
      s.getMetadata().getFinalizers().remove(DPUService.FINALIZER);
      return s;
    });
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(get(DPUDeployment.class, "hbn-only")).isNull();
      assertThat(owned(DPUSet.class)).isEmpty();
      assertThat(owned(DPUService.class)).isEmpty();
      assertThat(owned(DPUServiceInterface.class)).isEmpty();
    });
    for (HasMetadata dep : List.of(get(BFB.class, "bf-bundle"), get(DPUFlavor.class, "dpf-provisioning-hbn"),
        get(DPUServiceTemplate.class, "hbn"), get(DPUServiceConfiguration.class, "hbn"))) {
      assertThat(dep.getMetadata().getFinalizers()).doesNotContain(DPUDeployment.FINALIZER);
      assertThat(dep.getMetadata().getLabels() == null ? Map.of() : dep.getMetadata().getLabels()).noneSatisfy(
          (k, v) -> assertThat(k).startsWith(ServiceLabels.CONSUMED_BY_DPUDEPLOYMENT_PREFIX));
    }
  }

  @Test
  void dependsOnOrdersServicesAndTemplatesValues() {
    DeploymentFixtures.readyBfb(client, ns);
    client.resource(flavor("producer-consumer")).create();
    for (String s : List.of("producer", "consumer")) {
      DPUServiceTemplate t = example("05-dpuservicetemplate-hbn.yaml", DPUServiceTemplate.class, ns);
      t.getMetadata().setName(s);
      t.getSpec().setDeploymentServiceName(s);
      t.getSpec().setResourceRequirements(null);
      client.resource(t).create();
    }
    DPUServiceConfiguration producer = example("10-dpuserviceconfiguration-consumer.yaml",
        DPUServiceConfiguration.class, ns);
    producer.getMetadata().setName("producer");
    producer.getMetadata().setAnnotations(null);
    producer.getSpec().setDeploymentServiceName("producer");
    producer.getSpec().getServiceConfiguration().getHelmChart().setValues(Map.of("port", 8080));
    client.resource(producer).create();
    client.resource(example("10-dpuserviceconfiguration-consumer.yaml", DPUServiceConfiguration.class, ns)).create();
    DPUDeployment dep = example("09-dpudeployment-prodcons.yaml", DPUDeployment.class, ns);
    dep.getSpec().getDpus().setBfb("bf-bundle");
    client.resource(dep).create();

    List<DPUService> services = await().atMost(WAIT).until(() -> owned(DPUService.class), l -> l.size() == 2);
    DPUService p = services.stream().filter(s -> s.getMetadata().getName().startsWith("producer-")).findFirst()
        .orElseThrow();
    DPUService c = services.stream().filter(s -> s.getMetadata().getName().startsWith("consumer-")).findFirst()
        .orElseThrow();
    assertThat((Map<String, Object>) (Map) c.getSpec().getHelmChart().getValues().get("upstream"))
        .containsEntry("serviceName", p.getMetadata().getName()).containsEntry("namespace", ns);
    DPUServiceChain chain = await().atMost(WAIT).until(() -> owned(DPUServiceChain.class), l -> l.size() == 1)
        .get(0);
    assertThat(chain.getSpec().getTemplate().getSpec().getTemplate().getSpec().getSwitches().get(0).getPorts())
        .hasSize(2);

    // a dependency cycle is reported and nothing is deleted
    edit(DPUDeployment.class, "prodcons", d -> {
      d.getSpec().getServices().get("producer").setDependsOn(
          List.of(new dev.dpf.api.svc.v1alpha1.DPUDeploymentServiceDependency("consumer")));
      return d;
    });
    await().atMost(WAIT).untilAsserted(() -> {
      Condition cnd = cond(get(DPUDeployment.class, "prodcons"), DPUDeployment.CONDITION_DPUSERVICES_RECONCILED);
      assertThat(cnd.getReason()).isEqualTo(Conditions.REASON_ERROR);
      assertThat(cnd.getMessage()).startsWith("Error occurred: failed to sort Service: ");
    });
    assertThat(owned(DPUService.class)).hasSize(2);
  }

  /** An edit that retries on a conflict with a controller's concurrent status write. */
  <T extends HasMetadata> void edit(Class<T> type, String name, java.util.function.UnaryOperator<T> change) {
    await().atMost(WAIT).ignoreException(io.fabric8.kubernetes.client.KubernetesClientException.class)
        .until(() -> client.resources(type).withName(name).edit(change) != null);
  }

  DPUFlavor flavor(String name) {
    DPUFlavor flavor = example("04-dpuflavor-dpf-provisioning-hbn.yaml", DPUFlavor.class, ns);
    flavor.getMetadata().setName(name);
    return flavor;
  }

  <T extends HasMetadata> List<T> owned(Class<T> type) {
    return client.resources(type).withLabel(ServiceLabels.OWNED_BY_DPUDEPLOYMENT).list().getItems();
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return client.resources(type).withName(name).get();
  }

  static Condition cond(DPUDeployment d, String type) {
    return StatusConditions.find(d == null ? null : d.getStatus(), type)
        .orElseThrow(() -> new AssertionError("no condition " + type));
  }
}
