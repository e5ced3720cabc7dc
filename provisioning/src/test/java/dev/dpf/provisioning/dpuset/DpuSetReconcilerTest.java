package dev.dpf.provisioning.dpuset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.BFBPhase;
import dev.dpf.api.provisioning.v1alpha1.BFBReference;
import dev.dpf.api.provisioning.v1alpha1.BFBSpec;
import dev.dpf.api.provisioning.v1alpha1.BFBStatus;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.provisioning.v1alpha1.DPUSetSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUSetStrategy;
import dev.dpf.api.provisioning.v1alpha1.DPUSetStrategyType;
import dev.dpf.api.provisioning.v1alpha1.DPUStatus;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplate;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateSpec;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.api.provisioning.v1alpha1.RollingUpdateDPU;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DPUSet controller against the real API server (with kube-controller-manager for garbage collection).
 *
 * <p>The DPU controller does not run here: where a test needs DPUs to become Ready it writes the DPU status (phase
 * {@code Ready} and a {@code Ready=True} condition) the way the DPU controller would ({@link #markReady}). BFB
 * status is written the same way (the BFB controller would download the image).
 */
@KubeTest
class DpuSetReconcilerTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String PCI0 = ProvisioningLabels.nodeDpuPciAddress(0);
  static final String PCI1 = ProvisioningLabels.nodeDpuPciAddress(1);

  ControllerHarness harness;
  KubernetesClient client;
  String ns;
  /** Label that makes this test's Nodes (cluster-scoped) selectable by this test's DPUSets only. */
  String testLabel;

  @BeforeEach
  void start(KubeTestContext kube) {
    client = kube.client();
    ns = kube.namespace();
    testLabel = "test.dpf.dev/" + ns;
    harness = ControllerHarness.start(kube, ctx -> ctx.register(new DpuSetReconciler(ctx.conditions(),
        ctx.events("dpuset"), ctx.clock())));
    bfb("bfb-a");
    bfb("bfb-b");
    flavor("flavor-a");
  }

  @AfterEach
  void stop() {
    harness.close();
    client.nodes().withLabel(testLabel).delete();
  }

  @Test
  void createsOneDpuPerSelectedNodeWithExactNamesLabelsAndOwnerReference() {
    for (int i = 1; i <= 3; i++) {
      node("w" + i, Map.of(PCI0, "0000-4b-00", ProvisioningLabels.nodeDpuPf0Name(0), "ens1f0np0"));
    }
    node("other", Map.of());
    DPUSet set = create(dpuSet("dpuset", selector(), s -> {
      s.getDpuTemplate().setAnnotations(Map.of(ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED, "true"));
      s.getDpuTemplate().getSpec().setAutomaticNodeReboot(false);
    }));

    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).hasSize(3));
    for (int i = 1; i <= 3; i++) {
      String node = nodeName("w" + i);
      DPU dpu = dpu(node + "-0000-4b-00");
      assertThat(dpu.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
          ProvisioningLabels.DPUSET_NAME, "dpuset", ProvisioningLabels.DPUSET_NAMESPACE, ns,
          ProvisioningLabels.DPU_PCI_ADDRESS, "0000-4b-00", ProvisioningLabels.DPU_PF_NAME, "ens1f0np0",
          ProvisioningLabels.DPU_HOST_IP, "10.0.110." + i));
      assertThat(dpu.getMetadata().getAnnotations())
          .containsEntry(ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED, "true");
      assertThat(dpu.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
        assertThat(ref.getKind()).isEqualTo("DPUSet");
        assertThat(ref.getName()).isEqualTo("dpuset");
        assertThat(ref.getUid()).isEqualTo(set.getMetadata().getUid());
        assertThat(ref.getController()).isTrue();
        assertThat(ref.getBlockOwnerDeletion()).isTrue();
      });
      assertThat(dpu.getSpec().getNodeName()).isEqualTo(node);
      assertThat(dpu.getSpec().getBfb()).isEqualTo("bfb-a");
      assertThat(dpu.getSpec().getDpuFlavor()).isEqualTo("flavor-a");
      assertThat(dpu.getSpec().getAutomaticNodeReboot()).as("an explicit false is kept (Q1)").isFalse();
      assertThat(dpu.getSpec().getNodeEffect().getTaint().getKey()).isEqualTo("dpu");
      assertThat(dpu.getSpec().getCluster().getNodeLabels()).isEmpty();
    }
    assertThat(events("SuccessfulCreate")).extracting(Event::getMessage)
        .contains("Created DPU: (" + ns + "/" + nodeName("w1") + "-0000-4b-00)");

    await().atMost(WAIT).untilAsserted(() -> {
      DPUSet current = get("dpuset");
      assertThat(current.getMetadata().getFinalizers()).contains(DPUSet.FINALIZER);
      assertThat(current.getStatus().getDpuStatistics()).containsExactly(Map.entry("Initializing", 3));
      assertThat(condition(current, DPUSet.CONDITION_DPUSET_PREREQS_RECONCILED).getStatus()).isEqualTo("True");
      Condition ready = condition(current, Conditions.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getMessage()).startsWith("3 of 3 DPUs are not ready");
      assertThat(current.getStatus().getObservedGeneration()).isEqualTo(current.getMetadata().getGeneration());
    });

    dpus().forEach(d -> markReady(d.getMetadata().getName()));
    await().atMost(WAIT).untilAsserted(() -> {
      DPUSet current = get("dpuset");
      assertThat(current.getStatus().getDpuStatistics()).containsExactly(Map.entry("Ready", 3));
      assertThat(condition(current, Conditions.READY).getStatus()).isEqualTo("True");
    });
  }

  @Test
  void unlabellingANodeDeletesItsDpuAndRelabellingRecreatesIt() {
    node("w1", Map.of(PCI0, "0000-4b-00"));
    node("w2", Map.of(PCI0, "0000-4b-00"));
    create(dpuSet("dpuset", selector(), s -> { }));
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).hasSize(2));

    client.nodes().withName(nodeName("w2")).edit(n -> {
      n.getMetadata().getLabels().remove("select");
      return n;
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).extracting(d -> d.getSpec().getNodeName())
        .containsExactly(nodeName("w1")));
    await().atMost(WAIT).untilAsserted(() -> assertThat(events("SuccessfulDelete")).extracting(Event::getMessage)
        .contains("Delete DPU: (" + ns + "/" + nodeName("w2") + "-0000-4b-00) from node " + nodeName("w2")));

    client.nodes().withName(nodeName("w2")).edit(n -> {
      n.getMetadata().getLabels().put("select", "yes");
      return n;
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).hasSize(2));

    client.nodes().withName(nodeName("w1")).delete();
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).extracting(d -> d.getSpec().getNodeName())
        .containsExactly(nodeName("w2")));
  }

  @Test
  void rollingUpdateWithIntegerMaxUnavailableReplacesOneHostAtATime() {
    rollout(3, new IntOrString(1), 1);
  }

  @Test
  void rollingUpdateWithPercentRoundsUp() {
    // 34% of 3 hosts = 1.02, rounded up to 2
    rollout(3, new IntOrString("34%"), 2);
  }

  /** Rolls {@code hosts} DPUs from bfb-a to bfb-b, playing the DPU controller; checks the budget all along. */
  void rollout(int hosts, IntOrString maxUnavailable, int expectedConcurrency) {
    for (int i = 1; i <= hosts; i++) {
      node("w" + i, Map.of(PCI0, "0000-4b-00"));
    }
    create(dpuSet("dpuset", selector(), s -> rolling(s, maxUnavailable)));
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).hasSize(hosts));
    dpus().forEach(d -> markReady(d.getMetadata().getName()));
    await().atMost(WAIT).until(() -> condition(get("dpuset"), Conditions.READY).getStatus().equals("True"));

    editSet("dpuset", s -> {
      s.getSpec().getDpuTemplate().getSpec().setBfb(new BFBReference("bfb-b"));
      return s;
    });
    List<String> violations = new CopyOnWriteArrayList<>();
    int[] maxSeen = {0};
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      List<DPU> now = dpus();
      int unavailable = hosts - (int) now.stream().filter(DpuSetReconcilerTest::isReady).count();
      maxSeen[0] = Math.max(maxSeen[0], unavailable);
      if (unavailable > expectedConcurrency) {
        violations.add(unavailable + " hosts unavailable: " + summary(now));
      }
      List<DPU> replacements = now.stream().filter(d -> "bfb-b".equals(d.getSpec().getBfb()) && !isReady(d))
          .toList();
      long old = now.stream().filter(d -> "bfb-a".equals(d.getSpec().getBfb())).count();
      // play the DPU controller: once every replacement of the current wave exists, they all become Ready
      int wave = (int) Math.min(expectedConcurrency, old + replacements.size());
      if (!replacements.isEmpty() && replacements.size() == wave) {
        replacements.forEach(d -> markReady(d.getMetadata().getName()));
      }
      return now.size() == hosts && now.stream().allMatch(d -> "bfb-b".equals(d.getSpec().getBfb()) && isReady(d));
    });
    assertThat(violations).isEmpty();
    assertThat(maxSeen[0]).as("hosts replaced concurrently").isEqualTo(expectedConcurrency);
    assertThat(events("SuccessfulDelete")).hasSize(hosts);
  }

  @Test
  void recreateAndOnDeleteDoNotReplaceDpus() {
    node("w1", Map.of(PCI0, "0000-4b-00"));
    node("w2", Map.of(PCI0, "0000-4b-00"));
    node("w3", Map.of(PCI0, "0000-4b-00"));
    // DPU names are <node>-<pci> whatever the DPUSet, so two DPUSets must not select the same DPU
    create(dpuSet("recreate", new LabelSelectorBuilder().withMatchLabels(Map.of(testLabel, "")).addNewMatchExpression()
        .withKey("node").withOperator("In").withValues("w1", "w2").endMatchExpression().build(), s -> { }));
    create(dpuSet("ondelete", selectorFor("w3"), s -> {
      DPUSetStrategy strategy = new DPUSetStrategy();
      strategy.setType(DPUSetStrategyType.ON_DELETE);
      s.setStrategy(strategy);
    }));
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).hasSize(3));
    Map<String, String> uids = dpus().stream().collect(Collectors.toMap(d -> d.getMetadata().getName(),
        d -> d.getMetadata().getUid()));
    dpus().forEach(d -> markReady(d.getMetadata().getName()));
    for (String name : List.of("recreate", "ondelete")) {
      DPUSet updated = editSet(name, s -> {
        s.getSpec().getDpuTemplate().getSpec().setBfb(new BFBReference("bfb-b"));
        return s;
      });
      // the controller has acted on the new generation once it reports it as observed
      await().atMost(WAIT).until(() -> updated.getMetadata().getGeneration()
          .equals(get(name).getStatus().getObservedGeneration()));
    }
    assertThat(dpus()).allSatisfy(d -> {
      assertThat(d.getSpec().getBfb()).isEqualTo("bfb-a");
      assertThat(d.getMetadata().getUid()).isEqualTo(uids.get(d.getMetadata().getName()));
      assertThat(d.getMetadata().getDeletionTimestamp()).isNull();
    });

    String userDeleted = dpus().stream().filter(d -> d.getMetadata().getLabels().get(ProvisioningLabels.DPUSET_NAME)
        .equals("ondelete")).findFirst().orElseThrow().getMetadata().getName();
    client.resources(DPU.class).withName(userDeleted).delete();
    await().atMost(WAIT).untilAsserted(() -> {
      DPU replacement = dpu(userDeleted);
      assertThat(replacement).isNotNull();
      assertThat(replacement.getMetadata().getUid()).isNotEqualTo(uids.get(userDeleted));
      assertThat(replacement.getSpec().getBfb()).isEqualTo("bfb-b");
    });
  }

  @Test
  void multiDpuHostsGetOneDpuPerSelectedDpu() {
    node("h1", Map.of(PCI0, "0000-4b-00", PCI1, "0000-8a-00"));
    node("h2", Map.of(PCI0, "0000-4b-00", PCI1, "0000-8a-00"));
    create(dpuSet("multi", selector(), s -> s.setDpuSelector(Map.of(PCI0, "0000-4b-00", PCI1, "0000-8a-00"))));
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder(nodeName("h1") + "-0000-4b-00", nodeName("h1") + "-0000-8a-00",
            nodeName("h2") + "-0000-4b-00", nodeName("h2") + "-0000-8a-00"));
    // quirk Q4 fixed: the second DPU of a host is tracked too and comes back when deleted
    String second = nodeName("h1") + "-0000-8a-00";
    String uid = dpu(second).getMetadata().getUid();
    client.resources(DPU.class).withName(second).delete();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(dpu(second)).isNotNull();
      assertThat(dpu(second).getMetadata().getUid()).isNotEqualTo(uid);
    });
    // a narrower dpuSelector deletes the DPUs no longer selected
    editSet("multi", s -> {
      s.getSpec().setDpuSelector(Map.of(PCI0, "0000-4b-00"));
      return s;
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder(nodeName("h1") + "-0000-4b-00", nodeName("h2") + "-0000-4b-00"));
  }

  @Test
  void deletingTheDpuSetRemovesItsDpusByGarbageCollection() {
    node("w1", Map.of(PCI0, "0000-4b-00"));
    node("w2", Map.of(PCI0, "0000-4b-00"));
    create(dpuSet("dpuset", selector(), s -> { }));
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).hasSize(2));
    await().atMost(WAIT).until(() -> get("dpuset").getMetadata().getFinalizers().contains(DPUSet.FINALIZER));
    client.resources(DPUSet.class).withName("dpuset").delete();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(get("dpuset")).isNull();
      assertThat(dpus()).isEmpty();
    });
  }

  @Test
  void selectorsWithExpressionsAndTheLaterDpuNodeSelector() {
    node("r42a", Map.of(PCI0, "0000-4b-00", "topology.example.com/rack", "rack-42"));
    node("r42b", Map.of(PCI0, "0000-4b-00", "topology.example.com/rack", "rack-42", "e2e.servers/dk", "true"));
    node("r7", Map.of(PCI0, "0000-4b-00", "topology.example.com/rack", "rack-7", "e2e.servers/dk", "true"));
    node("r8", Map.of(PCI0, "0000-4b-00", "topology.example.com/rack", "rack-8", "e2e.servers/dk", "true"));
    create(dpuSet("rack42", new LabelSelectorBuilder().withMatchLabels(Map.of(testLabel, "")).addNewMatchExpression()
        .withKey("topology.example.com/rack").withOperator("In").withValues("rack-42").endMatchExpression()
        .addNewMatchExpression().withKey("e2e.servers/dk").withOperator("DoesNotExist").endMatchExpression().build(),
        s -> { }));
    create(dpuSet("dk", null, s -> s.setDpuNodeSelector(new LabelSelectorBuilder()
        .withMatchLabels(Map.of(testLabel, "", "e2e.servers/dk", "true")).build())));
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(dpusOf("rack42")).extracting(d -> d.getSpec().getNodeName())
          .containsExactly(nodeName("r42a"));
      assertThat(dpusOf("dk")).extracting(d -> d.getSpec().getNodeName())
          .containsExactlyInAnyOrder(nodeName("r42b"), nodeName("r7"), nodeName("r8"));
    });
  }

  @Test
  void nodeLabelsOfTheTemplateAreSyncedUnderRollingUpdate() {
    node("w1", Map.of(PCI0, "0000-4b-00"));
    create(dpuSet("dpuset", selector(), s -> rolling(s, new IntOrString(1))));
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus()).hasSize(1));
    editSet("dpuset", s -> {
      DPUTemplateCluster cluster = new DPUTemplateCluster();
      cluster.setNodeLabels(Map.of("bfb", "dk"));
      s.getSpec().getDpuTemplate().getSpec().setCluster(cluster);
      return s;
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpus().get(0).getSpec().getCluster().getNodeLabels())
        .containsEntry("bfb", "dk"));
  }

  @Test
  void unusableNodeLabelsAndMissingPrerequisitesAreReported() {
    node("bad", Map.of(PCI0, ""));
    create(dpuSet("dpuset", selector(), s -> s.getDpuTemplate().getSpec().setDpuFlavor("missing")));
    String node = nodeName("bad");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(events("FailedCreate")).extracting(Event::getMessage).contains("failed to created DPU index 0 on node "
          + node + " the label of dpu-%d-pci-address on node " + node + " is empty");
      Condition prereqs = condition(get("dpuset"), DPUSet.CONDITION_DPUSET_PREREQS_RECONCILED);
      assertThat(prereqs.getStatus()).isEqualTo("False");
      assertThat(prereqs.getReason()).isEqualTo(Conditions.REASON_ERROR);
      assertThat(prereqs.getMessage()).contains("is empty").contains("DPUFlavor " + ns + "/missing not found");
      assertThat(condition(get("dpuset"), Conditions.READY).getMessage())
          .isEqualTo("The following conditions are not ready: DPUSetPrereqsReconciled");
    });
    // fixing the Node label (a Node event) is enough to go on
    client.nodes().withName(node).edit(n -> {
      n.getMetadata().getLabels().put(PCI0, "0000-4b-00");
      return n;
    });
    flavor("missing");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(dpus()).hasSize(1);
      assertThat(condition(get("dpuset"), DPUSet.CONDITION_DPUSET_PREREQS_RECONCILED).getStatus()).isEqualTo("True");
    });
  }

  @Test
  void aDpuOfAnotherDpuSetIsNotTakenOver() {
    node("w1", Map.of(PCI0, "0000-4b-00"));
    create(dpuSet("first", selector(), s -> { }));
    await().atMost(WAIT).untilAsserted(() -> assertThat(dpusOf("first")).hasSize(1));
    // DPU names are <node>-<pci> whatever the DPUSet: a second DPUSet selecting the same DPU cannot create it
    create(dpuSet("second", selector(), s -> { }));
    String name = nodeName("w1") + "-0000-4b-00";
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(events("FailedCreate")).extracting(Event::getMessage).contains("failed to created DPU index 0 on "
          + "node " + nodeName("w1") + " DPU " + ns + "/" + name + " already exists and is not controlled by this "
          + "DPUSet");
      Condition prereqs = condition(get("second"), DPUSet.CONDITION_DPUSET_PREREQS_RECONCILED);
      assertThat(prereqs.getReason()).isEqualTo(Conditions.REASON_ERROR);
      assertThat(prereqs.getMessage()).contains("creating DPU " + name + " failed");
    });
    assertThat(dpusOf("first")).hasSize(1);
    assertThat(dpusOf("second")).isEmpty();
  }

  @Test
  void invalidSelectorIsAFailureAndTouchesNothing() {
    node("w1", Map.of(PCI0, "0000-4b-00"));
    create(dpuSet("dpuset", new LabelSelectorBuilder().addNewMatchExpression().withKey("k").withOperator("In")
        .endMatchExpression().build(), s -> { }));
    await().atMost(WAIT).untilAsserted(() -> {
      Condition prereqs = condition(get("dpuset"), DPUSet.CONDITION_DPUSET_PREREQS_RECONCILED);
      assertThat(prereqs.getReason()).isEqualTo(Conditions.REASON_FAILURE);
      assertThat(prereqs.getMessage()).contains("invalid spec.nodeSelector");
      assertThat(condition(get("dpuset"), Conditions.READY).getReason()).isEqualTo(Conditions.REASON_FAILURE);
    });
    assertThat(dpus()).isEmpty();
  }

  // ---- helpers

  String nodeName(String suffix) {
    return ns + "-" + suffix;
  }

  LabelSelector selector() {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(testLabel, "", "select", "yes")).build();
  }

  LabelSelector selectorFor(String node) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(testLabel, "", "select", "yes", "node", node)).build();
  }

  void node(String suffix, Map<String, String> labels) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put(testLabel, "");
    all.put("select", "yes");
    all.put("node", suffix);
    all.put(ProvisioningLabels.NODE_DPU_ENABLED, "true");
    int n = (int) client.nodes().withLabel(testLabel).list().getItems().size() + 1;
    Node node = new NodeBuilder().withNewMetadata().withName(nodeName(suffix)).withLabels(all).endMetadata()
        .withNewStatus().addNewAddress().withType("InternalIP").withAddress("10.0.110." + n).endAddress().endStatus()
        .build();
    client.nodes().resource(node).create();
  }

  void bfb(String name) {
    BFB bfb = new BFB();
    bfb.getMetadata().setName(name);
    BFBSpec spec = new BFBSpec();
    spec.setUrl("http://bfb.example.com/" + name + ".bfb");
    bfb.setSpec(spec);
    client.resource(bfb).create();
    // stands in for the BFB controller: the image is downloaded
    client.resources(BFB.class).withName(name).editStatus(b -> {
      BFBStatus status = new BFBStatus();
      status.setPhase(BFBPhase.READY);
      b.setStatus(status);
      return b;
    });
  }

  void flavor(String name) {
    DPUFlavor flavor = new DPUFlavor();
    flavor.getMetadata().setName(name);
    flavor.setSpec(new DPUFlavorSpec());
    client.resource(flavor).create();
  }

  DPUSet dpuSet(String name, LabelSelector selector, Consumer<DPUSetSpec> customize) {
    DPUSet set = new DPUSet();
    set.getMetadata().setName(name);
    DPUSetSpec spec = new DPUSetSpec();
    spec.setNodeSelector(selector);
    DPUTemplateSpec t = new DPUTemplateSpec();
    t.setBfb(new BFBReference("bfb-a"));
    t.setDpuFlavor("flavor-a");
    t.setNodeEffect(NodeEffect.taint(new TaintBuilder().withKey("dpu").withValue("provisioning")
        .withEffect("NoSchedule").build()));
    DPUTemplate template = new DPUTemplate();
    template.setSpec(t);
    spec.setDpuTemplate(template);
    set.setSpec(spec);
    customize.accept(spec);
    return set;
  }

  static void rolling(DPUSetSpec spec, IntOrString maxUnavailable) {
    DPUSetStrategy strategy = new DPUSetStrategy();
    strategy.setType(DPUSetStrategyType.ROLLING_UPDATE);
    RollingUpdateDPU ru = new RollingUpdateDPU();
    ru.setMaxUnavailable(maxUnavailable);
    strategy.setRollingUpdate(ru);
    spec.setStrategy(strategy);
  }

  DPUSet create(DPUSet set) {
    return client.resource(set).create();
  }

  /** Edits a DPUSet as a user would, again when the controller wrote it in between (409). */
  DPUSet editSet(String name, java.util.function.UnaryOperator<DPUSet> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.resources(DPUSet.class).withName(name).edit(change);
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  DPUSet get(String name) {
    return client.resources(DPUSet.class).withName(name).get();
  }

  List<DPU> dpus() {
    return client.resources(DPU.class).list().getItems().stream()
        .filter(d -> d.getMetadata().getDeletionTimestamp() == null).toList();
  }

  List<DPU> dpusOf(String set) {
    return dpus().stream().filter(d -> set.equals(d.getMetadata().getLabels().get(ProvisioningLabels.DPUSET_NAME)))
        .toList();
  }

  DPU dpu(String name) {
    return client.resources(DPU.class).withName(name).get();
  }

  /** Plays the DPU controller: phase Ready with a Ready=True condition, as it writes them (reference 9.12). */
  void markReady(String name) {
    client.resources(DPU.class).withName(name).editStatus(d -> {
      DPUStatus status = new DPUStatus();
      status.setPhase(DPUPhase.READY);
      status.setConditions(new ArrayList<>(List.of(new ConditionBuilder().withType(Conditions.READY)
          .withStatus(Conditions.TRUE).withReason("DPUNodeReady").withMessage("")
          .withLastTransitionTime("2024-12-02T10:05:00Z").build())));
      d.setStatus(status);
      return d;
    });
  }

  static boolean isReady(DPU dpu) {
    return StatusConditions.isTrue(dpu.getStatus(), Conditions.READY);
  }

  static String summary(List<DPU> dpus) {
    Map<String, String> m = new HashMap<>();
    dpus.forEach(d -> m.put(d.getMetadata().getName(), d.getSpec().getBfb() + "/" + isReady(d)));
    return m.toString();
  }

  static Condition condition(DPUSet set, String type) {
    return StatusConditions.find(set == null ? null : set.getStatus(), type)
        .orElseThrow(() -> new AssertionError("no condition " + type));
  }

  List<Event> events(String reason) {
    return client.v1().events().list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
  }
}
