package dev.dpf.servicechain;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.common.DpfStatus;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Manifests, DPU nodes and node-agent / NVIPAM stand-ins for the servicechain controller tests. */
final class ChainFixtures {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  /** Label every DPU node of a test carries (nodes are cluster-scoped and the DPU clusters are shared). */
  static final String RUN_LABEL = "test.dpf.dev/run";

  private final KubeTestContext kube;
  private final List<Runnable> cleanup = new ArrayList<>();

  ChainFixtures(KubeTestContext kube) {
    this.kube = kube;
  }

  /** A manifest with {@code ${ns}} replaced by the test namespace, created in the host cluster. */
  <T extends HasMetadata> T create(Class<T> type, String yaml) {
    T object = SERIALIZATION.unmarshal(yaml.replace("${ns}", kube.namespace()), type);
    object.getMetadata().setNamespace(kube.namespace());
    return kube.client().resource(object).create();
  }

  /** A DPU node named {@code <ns>-<name>} in DPU cluster {@code index}, labelled with the run label plus labels. */
  Node node(int index, String name, Map<String, String> labels) {
    Map<String, String> all = new HashMap<>(labels);
    all.put(RUN_LABEL, kube.namespace());
    String full = nodeName(name);
    KubernetesClient dpu = kube.dpuClient(index);
    Node node = dpu.nodes().resource(new NodeBuilder().withNewMetadata().withName(full).withLabels(all)
        .endMetadata().build()).create();
    cleanup.add(() -> dpu.nodes().withName(full).delete());
    return node;
  }

  String nodeName(String name) {
    return kube.namespace() + "-" + name;
  }

  void label(int index, String node, String key, String value) {
    kube.dpuClient(index).nodes().withName(nodeName(node)).edit(n -> {
      if (value == null) {
        n.getMetadata().getLabels().remove(key);
      } else {
        n.getMetadata().getLabels().put(key, value);
      }
      return n;
    });
  }

  /** Stand-in for the node agent (sfc-controller): marks a ServiceInterface/ServiceChain Ready. */
  static <S extends DpfStatus, T extends CustomResource<?, S>> void markReady(KubernetesClient dpu, T object,
      Supplier<S> newStatus) {
    T fresh = dpu.resource(object).get();
    S status = newStatus.get();
    status.setConditions(new ArrayList<>(List.of(new ConditionBuilder().withType(Conditions.READY)
        .withStatus(Conditions.TRUE).withReason(Conditions.REASON_SUCCESS).withMessage("")
        .withLastTransitionTime(Instant.now().toString().replaceAll("\\.\\d+Z$", "Z")).build())));
    fresh.setStatus(status);
    dpu.resource(fresh).updateStatus();
  }

  void close() {
    cleanup.forEach(r -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        // already gone
      }
    });
  }
}
