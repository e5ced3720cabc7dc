package dev.dpf.provisioning.nodeeffect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUSpec;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Node effects against real Nodes and NodeMaintenances in the API server. NVIDIA's maintenance operator does not run
 * here: {@link MaintenanceOperatorStandIn} writes what it would (finalizer, Ready condition, end of deletion).
 */
@KubeTest
class NodeEffectsTest {

  KubernetesClient client;
  String ns;
  String testLabel;
  NodeEffects effects;
  MaintenanceOperatorStandIn operator;

  @BeforeEach
  void setUp(KubeTestContext kube) {
    client = kube.client();
    ns = kube.namespace();
    testLabel = "test.dpf.dev/" + ns;
    effects = new NodeEffects(client);
    operator = new MaintenanceOperatorStandIn(client);
  }

  @AfterEach
  void tearDown() {
    client.nodes().withLabel(testLabel).delete();
  }

  @Test
  void taintIsAddedOnceAndRemovedByKey() {
    Node node = node("h", n -> n.editOrNewSpec().addNewTaint().withKey("other").withValue("x").withEffect("NoExecute")
        .endTaint().endSpec());
    DPU dpu = dpu("d", node, NodeEffect.taint(taint("dpu", "provisioning")));

    assertThat(effects.apply(dpu).done()).isTrue();
    Node tainted = read(node);
    assertThat(taintKeys(tainted)).containsExactly("other", "dpu");
    // idempotent: a second apply with the current Node writes nothing
    assertThat(effects.apply(dpu, tainted).done()).isTrue();
    assertThat(read(node).getMetadata().getResourceVersion()).isEqualTo(tainted.getMetadata().getResourceVersion());

    assertThat(effects.releaseOnReady(dpu).done()).isTrue();
    assertThat(taintKeys(read(node))).as("taints").containsExactly("other");
    Node released = read(node);
    assertThat(effects.releaseAll(dpu, released).done()).isTrue();
    assertThat(read(node).getMetadata().getResourceVersion()).isEqualTo(released.getMetadata().getResourceVersion());
  }

  @Test
  void anExistingTaintWithTheSameKeyIsLeftAsIs() {
    Node node = node("h", n -> n.editOrNewSpec().addNewTaint().withKey("dpu").withValue("mine").withEffect("NoExecute")
        .endTaint().endSpec());
    DPU dpu = dpu("d", node, NodeEffect.taint(taint("dpu", "provisioning")));
    effects.apply(dpu);
    assertThat(ours(read(node))).singleElement().satisfies(t -> {
      assertThat(t.getValue()).isEqualTo("mine");
      assertThat(t.getEffect()).isEqualTo("NoExecute");
    });
  }

  @Test
  void aStaleNodeFromACacheDoesNotClobberAnotherWriter() {
    Node node = node("h", n -> { });
    Node stale = read(node);
    // another writer taints and labels the Node after our cache saw it
    client.nodes().withName(node.getMetadata().getName()).edit(n -> new NodeBuilder(n).editOrNewSpec()
        .addNewTaint().withKey("kubelet").withEffect("NoSchedule").endTaint().endSpec().build());
    DPU dpu = dpu("d", node, NodeEffect.taint(taint("dpu", "provisioning")));
    effects.apply(dpu, stale);
    assertThat(taintKeys(read(node))).as("taints").containsExactlyInAnyOrder("kubelet",
        "dpu");
    Node beforeRelease = read(node);
    client.nodes().withName(node.getMetadata().getName()).edit(n -> new NodeBuilder(n).editOrNewSpec()
        .addNewTaint().withKey("late").withEffect("NoSchedule").endTaint().endSpec().build());
    effects.releaseOnReady(dpu, beforeRelease);
    assertThat(taintKeys(read(node))).as("taints").containsExactlyInAnyOrder("kubelet",
        "late");
  }

  @Test
  void customLabelsStayWhileReadyAndGoOnErrorOrDeletion() {
    Node node = node("h", n -> n.editMetadata().addToLabels("keep", "me").endMetadata());
    NodeEffect effect = new NodeEffect();
    effect.setCustomLabel(Map.of("dpf/provisioning", "true", "dpf/stage", "flash"));
    DPU dpu = dpu("d", node, effect);

    assertThat(effects.apply(dpu).done()).isTrue();
    assertThat(read(node).getMetadata().getLabels()).containsEntry("dpf/provisioning", "true")
        .containsEntry("dpf/stage", "flash").containsEntry("keep", "me");
    Node labelled = read(node);
    assertThat(effects.apply(dpu, labelled).done()).isTrue();
    assertThat(read(node).getMetadata().getResourceVersion()).isEqualTo(labelled.getMetadata().getResourceVersion());

    effects.releaseOnReady(dpu);
    assertThat(read(node).getMetadata().getLabels()).containsKeys("dpf/provisioning", "dpf/stage");

    // a label someone else changed since is not ours to remove
    client.nodes().withName(node.getMetadata().getName()).edit(n -> {
      n.getMetadata().getLabels().put("dpf/stage", "theirs");
      return n;
    });
    effects.releaseAll(dpu);
    assertThat(read(node).getMetadata().getLabels()).doesNotContainKey("dpf/provisioning")
        .containsEntry("dpf/stage", "theirs").containsEntry("keep", "me");
  }

  @Test
  void drainCreatesANodeMaintenanceWaitsForItAndReleasesIt() {
    Node node = node("h", n -> { });
    String host = node.getMetadata().getName();
    DPU dpu = dpu("d", node, NodeEffect.drain(true));

    NodeEffectResult first = effects.apply(dpu);
    assertThat(first.done()).isFalse();
    assertThat(first.reason()).isEqualTo(NodeEffects.REASON_NODE_MAINTENANCE_NOT_READY);
    GenericKubernetesResource nm = operator.get(ns, host);
    assertThat(nm).isNotNull();
    assertThat(spec(nm)).containsEntry("requestorID", "dpu.nvidia.com").containsEntry("nodeName", host)
        .containsEntry("additionalRequestors", List.of("provisioning.dpu.nvidia.com"))
        .containsEntry("drainSpec", Map.of("force", true, "deleteEmptyDir", true,
            "podSelector", "provisioning.dpu.nvidia.com/component!=dms"));
    assertThat(nm.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("DPU");
      assertThat(ref.getUid()).isEqualTo(dpu.getMetadata().getUid());
      assertThat(ref.getController()).isTrue();
    });

    operator.inProgress(ns, host, "Draining");
    NodeEffectResult draining = effects.apply(dpu);
    assertThat(draining.done()).isFalse();
    assertThat(draining.message()).endsWith("to be Ready (Draining)");

    operator.drainCompleted(ns, host);
    String rv = operator.get(ns, host).getMetadata().getResourceVersion();
    assertThat(effects.apply(dpu).done()).isTrue();
    assertThat(operator.get(ns, host).getMetadata().getResourceVersion()).as("idempotent").isEqualTo(rv);

    assertThat(effects.releaseOnReady(dpu).done()).isTrue();
    GenericKubernetesResource deleting = operator.get(ns, host);
    assertThat(deleting.getMetadata().getDeletionTimestamp()).as("deleted, held by the operator's finalizer")
        .isNotNull();
    assertThat(NodeMaintenances.requestors(deleting)).as("requestor removed before the delete").isEmpty();
    assertThat(effects.releaseOnReady(dpu).done()).isTrue();
    operator.finishDeletion(ns, host);
    assertThat(operator.get(ns, host)).isNull();
    assertThat(effects.releaseAll(dpu).done()).isTrue();
  }

  @Test
  void twoDpusOfOneHostShareOneNodeMaintenance() {
    Node node = node("h", n -> { });
    String host = node.getMetadata().getName();
    NodeEffect effect = NodeEffect.drainFlag();
    effect.setNodeMaintenanceAdditionalRequestors(List.of("svc.dpu.nvidia.com"));
    DPU a = dpu("a", node, effect);
    DPU b = dpu("b", node, NodeEffect.drain(true));

    assertThat(effects.apply(a).done()).isFalse();
    assertThat(effects.apply(b).done()).isFalse();
    GenericKubernetesResource nm = operator.get(ns, host);
    assertThat(nm.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
        .containsExactly(a.getMetadata().getUid(), b.getMetadata().getUid());
    assertThat(nm.getMetadata().getOwnerReferences()).extracting(OwnerReference::getController)
        .containsExactly(true, null);
    assertThat(NodeMaintenances.requestors(nm)).containsExactly("provisioning.dpu.nvidia.com", "svc.dpu.nvidia.com");

    operator.drainCompleted(ns, host);
    assertThat(effects.apply(a).done()).isTrue();
    assertThat(effects.apply(b).done()).isTrue();

    // a is Ready first: b still needs the drained host
    assertThat(effects.releaseOnReady(a).done()).isTrue();
    GenericKubernetesResource shared = operator.get(ns, host);
    assertThat(shared.getMetadata().getDeletionTimestamp()).isNull();
    assertThat(shared.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
        .containsExactly(b.getMetadata().getUid());
    assertThat(NodeMaintenances.requestors(shared)).contains("provisioning.dpu.nvidia.com");
    assertThat(effects.apply(b).done()).isTrue();

    // b is the last user
    assertThat(effects.releaseAll(b).done()).isTrue();
    GenericKubernetesResource gone = operator.get(ns, host);
    assertThat(gone.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(NodeMaintenances.requestors(gone)).containsExactly("svc.dpu.nvidia.com");
    operator.finishDeletion(ns, host);
    assertThat(operator.get(ns, host)).isNull();
  }

  @Test
  void holdWaitsForTheAnnotationToBeSetToFalse() {
    Node node = node("h", n -> { });
    NodeEffect effect = new NodeEffect();
    effect.setHold(true);
    DPU dpu = dpu("d", node, effect);

    NodeEffectResult held = effects.apply(dpu);
    assertThat(held.done()).isFalse();
    assertThat(held.reason()).isEqualTo("ExternalNodeEffect");
    assertThat(held.message()).isEqualTo("DPU is in wait-for-external-nodeeffect node effect");
    DPU marked = readDpu("d");
    assertThat(marked.getMetadata().getAnnotations())
        .containsEntry(ProvisioningLabels.WAIT_FOR_EXTERNAL_NODEEFFECT, "true");
    assertThat(effects.apply(marked).done()).isFalse();

    for (String value : List.of("maybe", "T", "1")) {
      assertThat(effects.apply(annotate("d", value)).done()).as(value).isFalse();
      assertThat(readDpu("d").getMetadata().getAnnotations())
          .containsEntry(ProvisioningLabels.WAIT_FOR_EXTERNAL_NODEEFFECT, value);
    }
    for (String value : List.of("false", "0", "F")) {
      assertThat(effects.apply(annotate("d", value)).done()).as(value).isTrue();
    }
    assertThat(effects.releaseOnReady(readDpu("d")).done()).isTrue();
    assertThat(effects.releaseAll(readDpu("d")).done()).isTrue();
  }

  @Test
  void noEffectAndUnsupportedEffects() {
    Node node = node("h", n -> { });
    String rv = read(node).getMetadata().getResourceVersion();
    assertThat(effects.apply(dpu("n", node, NodeEffect.noEffect()))).satisfies(r -> {
      assertThat(r.done()).isTrue();
      assertThat(r.effect()).isEqualTo(NodeEffect.Type.NO_EFFECT);
    });
    assertThat(effects.apply(dpu("e", node, new NodeEffect())).effect()).isEqualTo(NodeEffect.Type.NONE);
    assertThat(effects.releaseAll(dpu("n2", node, NodeEffect.noEffect())).done()).isTrue();
    assertThat(read(node).getMetadata().getResourceVersion()).isEqualTo(rv);

    NodeEffect action = new NodeEffect();
    action.setCustomAction("my-action");
    assertThatThrownBy(() -> effects.apply(dpu("c", node, action))).isInstanceOfSatisfying(NodeEffectException.class,
        e -> {
          assertThat(e.terminal()).isTrue();
          assertThat(e.reason()).isEqualTo("InvalidNodeEffect");
          assertThat(e.getMessage()).contains("customAction");
        });
    NodeEffect badDrain = new NodeEffect();
    badDrain.setDrain(TextNode.valueOf("yes"));
    DPU bad = new DPU();
    bad.getMetadata().setName("bad");
    bad.getMetadata().setNamespace(ns);
    bad.setSpec(new DPUSpec());
    bad.getSpec().setNodeName(node.getMetadata().getName());
    bad.getSpec().setNodeEffect(badDrain);
    assertThatThrownBy(() -> effects.apply(bad)).isInstanceOfSatisfying(NodeEffectException.class,
        e -> assertThat(e.terminal()).isTrue());
  }

  @Test
  void aMissingHostNodeIsAnErrorToApplyAndNothingToRelease() {
    Node ghost = new NodeBuilder().withNewMetadata().withName(ns + "-ghost").endMetadata().build();
    DPU dpu = dpu("d", ghost, NodeEffect.taint(taint("dpu", "provisioning")));
    assertThatThrownBy(() -> effects.apply(dpu)).isInstanceOfSatisfying(NodeEffectException.class, e -> {
      assertThat(e.terminal()).isFalse();
      assertThat(e.reason()).isEqualTo("ErrorOccured");
      assertThat(e.getMessage()).contains("not found");
    });
    assertThat(effects.releaseAll(dpu).done()).isTrue();
    NodeEffect labels = new NodeEffect();
    labels.setCustomLabel(Map.of("a", "b"));
    assertThat(effects.releaseAll(dpu("l", ghost, labels)).done()).isTrue();
  }

  // ---- helpers

  Node node(String suffix, Consumer<NodeBuilder> customize) {
    NodeBuilder builder = new NodeBuilder().withNewMetadata().withName(ns + "-" + suffix)
        .withLabels(new HashMap<>(Map.of(testLabel, ""))).endMetadata();
    customize.accept(builder);
    return client.nodes().resource(builder.build()).create();
  }

  Node read(Node node) {
    return client.nodes().withName(node.getMetadata().getName()).get();
  }

  DPU dpu(String name, Node node, NodeEffect effect) {
    DPU dpu = new DPU();
    dpu.getMetadata().setName(name);
    DPUSpec spec = new DPUSpec();
    spec.setNodeName(node.getMetadata().getName());
    spec.setBfb("bfb");
    spec.setNodeEffect(effect);
    dpu.setSpec(spec);
    return client.resource(dpu).create();
  }

  DPU readDpu(String name) {
    return client.resources(DPU.class).withName(name).get();
  }

  DPU annotate(String name, String value) {
    return client.resources(DPU.class).withName(name).edit(d -> {
      Map<String, String> annotations = new LinkedHashMap<>(d.getMetadata().getAnnotations());
      annotations.put(ProvisioningLabels.WAIT_FOR_EXTERNAL_NODEEFFECT, value);
      d.getMetadata().setAnnotations(annotations);
      return d;
    });
  }

  /**
   * Taints other than the ones the API server adds itself ({@code node.kubernetes.io/not-ready} from the
   * TaintNodesByCondition admission plugin: another writer on every test Node).
   */
  static List<Taint> ours(Node node) {
    return node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints().stream()
        .filter(t -> !t.getKey().startsWith("node.kubernetes.io/")).toList();
  }

  static List<String> taintKeys(Node node) {
    return ours(node).stream().map(Taint::getKey).toList();
  }

  static Taint taint(String key, String value) {
    return new TaintBuilder().withKey(key).withValue(value).withEffect("NoSchedule").build();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource nm) {
    return (Map<String, Object>) nm.getAdditionalProperties().get("spec");
  }
}
