package dev.dpf.provisioning.dpuset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.BFBReference;
import dev.dpf.api.provisioning.v1alpha1.DPU;
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
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The pure DPUSet algorithm: selection (6.4), construction (6.6), rolling update (6.7), statistics. */
class DpuSetPlannerTest {

  static final String PCI0 = ProvisioningLabels.nodeDpuPciAddress(0);
  static final String PCI1 = ProvisioningLabels.nodeDpuPciAddress(1);

  @Test
  void indexSelectionFollowsTheReference() {
    Map<String, String> labels = Map.of(PCI0, "0000-4b-00", PCI1, "0000-8a-00",
        ProvisioningLabels.nodeDpuPf0Name(1), "ens2f0np0");
    assertThat(DpuTemplating.indices(null, labels)).containsExactly(0);
    assertThat(DpuTemplating.indices(Map.of(), Map.of(PCI1, "x"))).isEmpty();
    assertThat(DpuTemplating.indices(Map.of(), Map.of("example.com/dpu-0-pci-address", "x"))).containsExactly(0);
    // OR over entries; entries that do not match the node, or the key pattern, are ignored
    assertThat(DpuTemplating.indices(Map.of(PCI0, "0000-4b-00", PCI1, "0000-8a-00"), labels)).containsExactly(0, 1);
    assertThat(DpuTemplating.indices(Map.of(PCI0, "0000-ff-00", PCI1, "0000-8a-00"), labels)).containsExactly(1);
    assertThat(DpuTemplating.indices(Map.of(ProvisioningLabels.nodeDpuPf0Name(1), "ens2f0np0"), labels))
        .containsExactly(1);
    assertThat(DpuTemplating.indices(Map.of("other/dpu-1-pci-address", "0000-8a-00"),
        Map.of("other/dpu-1-pci-address", "0000-8a-00"))).isEmpty();
  }

  @Test
  void buildsTheDpuExactlyAsUpstream() throws Exception {
    DPUSet set = set(null);
    set.getMetadata().setLabels(Map.of("team", "a"));
    set.getSpec().getDpuTemplate().setAnnotations(Map.of(ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED, "true"));
    set.getSpec().getDpuTemplate().getSpec().setAutomaticNodeReboot(false);
    Node node = node("Worker-1", Map.of(PCI0, "0000-4b-00", ProvisioningLabels.nodeDpuPf0Name(0), "ens1f0np0"));
    DPU dpu = DpuTemplating.build(set, node, 0);
    assertThat(dpu.getMetadata().getName()).isEqualTo("worker-1-0000-4b-00");
    assertThat(dpu.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(dpu.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        ProvisioningLabels.DPUSET_NAME, "set", ProvisioningLabels.DPUSET_NAMESPACE, "ns", "team", "a",
        ProvisioningLabels.DPU_PCI_ADDRESS, "0000-4b-00", ProvisioningLabels.DPU_PF_NAME, "ens1f0np0",
        ProvisioningLabels.DPU_HOST_IP, "10.0.110.21"));
    assertThat(dpu.getMetadata().getAnnotations()).containsEntry(ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED, "true");
    assertThat(dpu.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("DPUSet");
      assertThat(ref.getApiVersion()).isEqualTo("provisioning.dpu.nvidia.com/v1alpha1");
      assertThat(ref.getUid()).isEqualTo("uid-1");
      assertThat(ref.getController()).isTrue();
      assertThat(ref.getBlockOwnerDeletion()).isTrue();
    });
    assertThat(dpu.getSpec().getNodeName()).isEqualTo("Worker-1");
    assertThat(dpu.getSpec().getBfb()).isEqualTo("bfb-a");
    assertThat(dpu.getSpec().getDpuFlavor()).isEqualTo("flavor");
    assertThat(dpu.getSpec().getAutomaticNodeReboot()).isFalse();
    assertThat(dpu.getSpec().getCluster().getNodeLabels()).isEmpty();
    assertThat(dpu.getSpec().getCluster().getName()).isNull();
    assertThat(dpu.getSpec().getPciAddress()).isNull();
    assertThat(dpu.getSpec().getNodeEffect().getTaint().getKey()).isEqualTo("dpu");
  }

  @Test
  void buildErrorsUseUpstreamTexts() {
    DPUSet set = set(null);
    assertThatThrownBy(() -> DpuTemplating.build(set, node("n1", Map.of(PCI0, "")), 0))
        .hasMessage("the label of dpu-%d-pci-address on node n1 is empty");
    assertThatThrownBy(() -> DpuTemplating.build(set, node("n1", Map.of(ProvisioningLabels.nodeDpuPf0Name(0),
        "ens1")), 0)).hasMessage("DPU on node n1 cannot be created due to lack of pci address of dpu");
  }

  @Test
  void desiredDpusAreNodeIndexPairsKeyedByName() {
    DPUSet set = set(null);
    set.getSpec().setDpuSelector(Map.of(PCI0, "0000-4b-00", PCI1, "0000-8a-00"));
    Node host = node("h1", Map.of(PCI0, "0000-4b-00", PCI1, "0000-8a-00"));
    DPU existing0 = ready(dpu("h1-0000-4b-00", "h1", "bfb-a"));
    DpuSetPlan plan = DpuSetPlanner.plan(set, List.of(host), List.of(existing0), Set.of(), Set.of());
    assertThat(plan.desired()).containsOnlyKeys("h1-0000-4b-00", "h1-0000-8a-00");
    assertThat(plan.toCreate()).extracting(d -> d.getMetadata().getName()).containsExactly("h1-0000-8a-00");
    assertThat(plan.stale()).isEmpty();
    // a pending create is not created twice
    assertThat(DpuSetPlanner.plan(set, List.of(host), List.of(existing0), Set.of("h1-0000-8a-00"), Set.of())
        .toCreate()).isEmpty();
  }

  @Test
  void unselectedNodesAndIndicesMakeStaleDpus() {
    DPUSet set = set(new LabelSelectorBuilder().withMatchLabels(Map.of("pick", "yes")).build());
    Node picked = node("a", Map.of(PCI0, "0000-4b-00", "pick", "yes"));
    Node dropped = node("b", Map.of(PCI0, "0000-4b-00"));
    DPU onA = dpu("a-0000-4b-00", "a", "bfb-a");
    DPU onB = dpu("b-0000-4b-00", "b", "bfb-a");
    DPU onGone = dpu("c-0000-4b-00", "c", "bfb-a");
    DpuSetPlan plan = DpuSetPlanner.plan(set, List.of(picked, dropped), List.of(onA, onB, onGone), Set.of(),
        Set.of());
    assertThat(plan.stale()).extracting(d -> d.getMetadata().getName())
        .containsExactly("b-0000-4b-00", "c-0000-4b-00");
    // already deleted ones are not deleted again
    assertThat(DpuSetPlanner.plan(set, List.of(picked, dropped), List.of(onA, onB, onGone), Set.of(),
        Set.of(onB.getMetadata().getUid())).stale()).extracting(d -> d.getMetadata().getName())
        .containsExactly("c-0000-4b-00");
  }

  @Test
  void nodeWithBrokenLabelsKeepsItsDpus() {
    DPUSet set = set(null);
    Node broken = node("a", Map.of(PCI0, ""));
    DPU onA = dpu("a-0000-4b-00", "a", "bfb-a");
    DpuSetPlan plan = DpuSetPlanner.plan(set, List.of(broken), List.of(onA), Set.of(), Set.of());
    assertThat(plan.buildErrors()).singleElement().satisfies(e -> {
      assertThat(e.node()).isEqualTo("a");
      assertThat(e.message()).isEqualTo("the label of dpu-%d-pci-address on node a is empty");
    });
    assertThat(plan.stale()).isEmpty();
  }

  @Test
  void maxUnavailableArithmetic() {
    assertThat(DpuSetPlanner.maxUnavailable(null, 10)).isEqualTo(1);
    assertThat(DpuSetPlanner.maxUnavailable(new IntOrString(0), 10)).isEqualTo(1);
    assertThat(DpuSetPlanner.maxUnavailable(new IntOrString(3), 10)).isEqualTo(3);
    assertThat(DpuSetPlanner.maxUnavailable(new IntOrString(30), 10)).isEqualTo(10);
    assertThat(DpuSetPlanner.maxUnavailable(new IntOrString("10%"), 10)).isEqualTo(1);
    assertThat(DpuSetPlanner.maxUnavailable(new IntOrString("10%"), 11)).isEqualTo(2);
    assertThat(DpuSetPlanner.maxUnavailable(new IntOrString("34%"), 3)).isEqualTo(2);
    assertThat(DpuSetPlanner.maxUnavailable(new IntOrString("100%"), 7)).isEqualTo(7);
    assertThat(DpuSetPlanner.maxUnavailable(new IntOrString("1%"), 0)).isEqualTo(1);
    assertThatThrownBy(() -> DpuSetPlanner.maxUnavailable(new IntOrString("3"), 10))
        .hasMessageContaining("not a percentage");
  }

  @Test
  void rollingUpdateDeletesOutdatedWithinTheBudget() {
    DPUSet set = rolling(new IntOrString(1));
    List<Node> nodes = List.of(node("a", Map.of(PCI0, "p")), node("b", Map.of(PCI0, "p")),
        node("c", Map.of(PCI0, "p")));
    List<DPU> dpus = List.of(ready(dpu("a-p", "a", "old")), ready(dpu("b-p", "b", "old")),
        ready(dpu("c-p", "c", "old")));
    set.getSpec().getDpuTemplate().getSpec().setBfb(new BFBReference("new"));
    DpuSetPlan plan = DpuSetPlanner.plan(set, nodes, dpus, Set.of(), Set.of());
    assertThat(plan.hosts()).isEqualTo(3);
    assertThat(plan.maxUnavailable()).isEqualTo(1);
    assertThat(plan.rollingDeletes()).extracting(d -> d.getMetadata().getName()).containsExactly("a-p");
    // while a's replacement is missing (deleted, pending) nothing else goes
    DpuSetPlan next = DpuSetPlanner.plan(set, nodes, dpus, Set.of(), Set.of(dpus.get(0).getMetadata().getUid()));
    assertThat(next.rollingDeletes()).isEmpty();
    // an outdated DPU that is already unavailable goes without using the budget
    List<DPU> withBroken = List.of(dpu("a-p", "a", "new"), dpu("b-p", "b", "old"), ready(dpu("c-p", "c", "old")));
    assertThat(DpuSetPlanner.plan(set, nodes, withBroken, Set.of(), Set.of()).rollingDeletes())
        .extracting(d -> d.getMetadata().getName()).containsExactly("b-p");
  }

  @Test
  void rollingUpdateCountsHostsNotDpus() {
    DPUSet set = rolling(new IntOrString(1));
    set.getSpec().setDpuSelector(Map.of(PCI0, "p0", PCI1, "p1"));
    set.getSpec().getDpuTemplate().getSpec().setBfb(new BFBReference("new"));
    List<Node> nodes = List.of(node("a", Map.of(PCI0, "p0", PCI1, "p1")), node("b", Map.of(PCI0, "p0", PCI1, "p1")));
    List<DPU> dpus = List.of(ready(dpu("a-p0", "a", "old")), ready(dpu("a-p1", "a", "old")),
        ready(dpu("b-p0", "b", "old")), ready(dpu("b-p1", "b", "old")));
    DpuSetPlan plan = DpuSetPlanner.plan(set, nodes, dpus, Set.of(), Set.of());
    assertThat(plan.rollingDeletes()).extracting(d -> d.getMetadata().getName()).containsExactly("a-p0", "a-p1");
    assertThat(plan.unavailableHosts()).isEqualTo(1);
  }

  @Test
  void labelSyncIsAddOnlyAndOnlyUnderRollingUpdate() {
    DPUSet set = rolling(new IntOrString(1));
    DPUTemplateCluster cluster = new DPUTemplateCluster();
    cluster.setNodeLabels(Map.of("bfb", "dk", "zone", "1"));
    set.getSpec().getDpuTemplate().getSpec().setCluster(cluster);
    DPU dpu = ready(dpu("a-p", "a", "bfb-a"));
    dpu.getSpec().getCluster().setNodeLabels(new TreeMap<>(Map.of("zone", "1", "mine", "x")));
    DpuSetPlan plan = DpuSetPlanner.plan(set, List.of(node("a", Map.of(PCI0, "p"))), List.of(dpu), Set.of(),
        Set.of());
    assertThat(plan.labelSync()).containsExactly(Map.entry("a-p", Map.of("bfb", "dk")));
    set.getSpec().getStrategy().setType(DPUSetStrategyType.ON_DELETE);
    assertThat(DpuSetPlanner.plan(set, List.of(node("a", Map.of(PCI0, "p"))), List.of(dpu), Set.of(), Set.of())
        .labelSync()).isEmpty();
  }

  @Test
  void invalidSpecsPlanNothing() {
    DPUSet set = set(new LabelSelectorBuilder().addNewMatchExpression().withKey("k").withOperator("Near")
        .endMatchExpression().build());
    assertThat(DpuSetPlanner.plan(set, List.of(node("a", Map.of(PCI0, "p"))), List.of(), Set.of(), Set.of())
        .specError()).contains("spec.nodeSelector").contains("Near");
    DPUSet drainAndTaint = set(null);
    drainAndTaint.getSpec().getDpuTemplate().getSpec().getNodeEffect().setDrain(NodeEffect.drainFlag().getDrain());
    assertThat(DpuSetPlanner.validate(drainAndTaint.getSpec())).isEqualTo(DpuSetPlanner.NODE_EFFECT_EXCLUSIVE);
    DPUSet badDrain = set(null);
    badDrain.getSpec().getDpuTemplate().getSpec().setNodeEffect(new NodeEffect());
    badDrain.getSpec().getDpuTemplate().getSpec().getNodeEffect().setDrain(TextNode.valueOf("yes"));
    assertThat(DpuSetPlanner.validate(badDrain.getSpec())).contains("drain");
  }

  @Test
  void selectorsMatchLikeKubernetes() {
    LabelSelector s = new LabelSelectorBuilder().withMatchLabels(Map.of("a", "1"))
        .addNewMatchExpression().withKey("rack").withOperator("In").withValues("r1", "r2").endMatchExpression()
        .addNewMatchExpression().withKey("bad").withOperator("DoesNotExist").endMatchExpression()
        .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("gpu").endMatchExpression()
        .build();
    assertThat(LabelSelectors.matches(s, Map.of("a", "1", "rack", "r2"))).isTrue();
    assertThat(LabelSelectors.matches(s, Map.of("a", "1", "rack", "r2", "tier", "gpu"))).isFalse();
    assertThat(LabelSelectors.matches(s, Map.of("a", "1", "rack", "r3"))).isFalse();
    assertThat(LabelSelectors.matches(s, Map.of("a", "1", "rack", "r1", "bad", ""))).isFalse();
    assertThat(LabelSelectors.matches(new LabelSelector(), Map.of())).isTrue();
    assertThatThrownBy(() -> LabelSelectors.validate(new LabelSelectorBuilder().addNewMatchExpression().withKey("k")
        .withOperator("In").endMatchExpression().build())).hasMessageContaining("can't be empty");
  }

  @Test
  void statisticsCountEveryPhase() {
    DPU a = dpu("a", "a", "b");
    DPU b = dpu("b", "b", "b");
    b.setStatus(new DPUStatus());
    b.getStatus().setPhase(DPUPhase.NODE_EFFECT);
    DPU c = dpu("c", "c", "b");
    c.setStatus(new DPUStatus());
    c.getStatus().setPhase(DPUPhase.REBOOTING);
    assertThat(DpuSetStatuses.statistics(List.of(a, b, c))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "Initializing", 1, "Node Effect", 1, "Rebooting", 1));
    assertThat(DpuSetStatuses.statistics(List.of())).isNull();
  }

  // ---- fixtures

  static DPUSet set(LabelSelector selector) {
    DPUSet set = new DPUSet();
    set.getMetadata().setName("set");
    set.getMetadata().setNamespace("ns");
    set.getMetadata().setUid("uid-1");
    DPUSetSpec spec = new DPUSetSpec();
    spec.setNodeSelector(selector);
    DPUTemplateSpec t = new DPUTemplateSpec();
    t.setBfb(new BFBReference("bfb-a"));
    t.setDpuFlavor("flavor");
    t.setNodeEffect(NodeEffect.taint(new TaintBuilder().withKey("dpu").withValue("provisioning")
        .withEffect("NoSchedule").build()));
    DPUTemplate template = new DPUTemplate();
    template.setSpec(t);
    spec.setDpuTemplate(template);
    set.setSpec(spec);
    return set;
  }

  static DPUSet rolling(IntOrString maxUnavailable) {
    DPUSet set = set(null);
    DPUSetStrategy strategy = new DPUSetStrategy();
    strategy.setType(DPUSetStrategyType.ROLLING_UPDATE);
    RollingUpdateDPU ru = new RollingUpdateDPU();
    ru.setMaxUnavailable(maxUnavailable);
    strategy.setRollingUpdate(ru);
    set.getSpec().setStrategy(strategy);
    return set;
  }

  static Node node(String name, Map<String, String> labels) {
    return new NodeBuilder().withNewMetadata().withName(name).withLabels(new LinkedHashMap<>(labels)).endMetadata()
        .withNewStatus().addNewAddress().withType("Hostname").withAddress(name).endAddress()
        .addNewAddress().withType("InternalIP").withAddress("10.0.110.21").endAddress().endStatus().build();
  }

  static DPU dpu(String name, String node, String bfb) {
    DPUSet set = set(null);
    set.getSpec().getDpuTemplate().getSpec().setBfb(new BFBReference(bfb));
    try {
      DPU dpu = DpuTemplating.build(set, node(node, Map.of(PCI0, "x")), 0);
      dpu.getMetadata().setName(name);
      dpu.getMetadata().setUid("uid-" + name);
      return dpu;
    } catch (DpuTemplating.BuildException e) {
      throw new IllegalStateException(e);
    }
  }

  static DPU ready(DPU dpu) {
    DPUStatus status = new DPUStatus();
    status.setPhase(DPUPhase.READY);
    status.setConditions(new ArrayList<>(List.of(new ConditionBuilder().withType(Conditions.READY)
        .withStatus(Conditions.TRUE).withReason("DPUNodeReady").build())));
    dpu.setStatus(status);
    return dpu;
  }
}
