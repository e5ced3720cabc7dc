package dev.dpf.demo;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STAND-INS for two control-plane parts the local control plane does not run (for kwok-managed host Nodes only):
 *
 * <ul>
 *   <li>kube-scheduler: binds unscheduled pods the way the default scheduler's filters would (required node affinity
 *       incl. the DaemonSet-style {@code matchFields metadata.name}, nodeSelector, taints and tolerations,
 *       unschedulable nodes) and spreads the rest by the number of pods it bound;</li>
 *   <li>the node lifecycle controller's taint manager: removes the {@value #NOT_READY_TAINT} NoSchedule taint that
 *       every new Node gets at registration once the Node is Ready (kube-controller-manager runs without node
 *       lifecycle, so that simulated nodes are not marked unreachable).</li>
 * </ul>
 *
 * Event-driven: pods without a node and node changes wake it.
 */
final class SchedulerStandIn implements AutoCloseable {

  static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerStandIn.class);

  private final KubernetesClient client;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "scheduler-stand-in");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Integer> bound = new ConcurrentHashMap<>();
  private final AtomicBoolean queued = new AtomicBoolean();
  private volatile SharedIndexInformer<Pod> pods;
  private volatile SharedIndexInformer<Node> nodes;

  SchedulerStandIn(KubernetesClient client) {
    this.client = client;
  }

  SchedulerStandIn start() {
    nodes = client.nodes().inform(new Handler<>(n -> scheduleAll()));
    pods = client.pods().inAnyNamespace().withField("spec.nodeName", "").inform(new Handler<>(p -> scheduleAll()));
    scheduleAll();
    return this;
  }

  /** Coalesces bursts of events into one pass. */
  private void scheduleAll() {
    if (!worker.isShutdown() && queued.compareAndSet(false, true)) {
      try {
        worker.execute(() -> {
          queued.set(false);
          scheduleNow();
        });
      } catch (RejectedExecutionException e) {
        // stopping
      }
    }
  }

  private void scheduleNow() {
    if (pods == null || nodes == null) {
      return; // start() schedules once both informers exist
    }
    List<Node> candidates = nodes.getStore().list().stream()
        .filter(n -> Kwok.VALUE.equals(annotation(n, Kwok.ANNOTATION)))
        .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
        .toList();
    for (Node node : candidates) {
      untaintIfReady(node);
    }
    for (Pod pod : pods.getStore().list()) {
      if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()
          || pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      List<Node> fit = new ArrayList<>();
      for (Node node : candidates) {
        if (fits(pod, node)) {
          fit.add(node);
        }
      }
      if (fit.isEmpty()) {
        LOG.atDebug().addKeyValue("pod", key(pod)).log("no node fits (yet)");
        continue;
      }
      Node target = fit.stream().min(Comparator.comparing(n -> bound.getOrDefault(n.getMetadata().getName(), 0)))
          .orElseThrow();
      bind(pod, target.getMetadata().getName());
    }
  }

  private void untaintIfReady(Node node) {
    if (!Demo.nodeReady(node) || node.getSpec().getTaints() == null
        || node.getSpec().getTaints().stream().noneMatch(t -> NOT_READY_TAINT.equals(t.getKey()))) {
      return;
    }
    try {
      client.nodes().withName(node.getMetadata().getName()).edit(n -> {
        n.getSpec().setTaints(new ArrayList<>(n.getSpec().getTaints().stream()
            .filter(t -> !NOT_READY_TAINT.equals(t.getKey())).toList()));
        return n;
      });
      LOG.atInfo().addKeyValue("node", node.getMetadata().getName()).log("not-ready taint removed (stand-in)");
    } catch (KubernetesClientException e) {
      LOG.atDebug().addKeyValue("node", node.getMetadata().getName()).addKeyValue("error", e.getMessage())
          .log("untaint failed; the next node event retries");
    }
  }

  private void bind(Pod pod, String node) {
    Binding binding = new BindingBuilder()
        .withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(pod.getMetadata().getNamespace())
          .withUid(pod.getMetadata().getUid()).endMetadata()
        .withNewTarget().withApiVersion("v1").withKind("Node").withName(node).endTarget()
        .build();
    try {
      client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(binding).create();
      bound.merge(node, 1, Integer::sum);
      LOG.atInfo().addKeyValue("pod", key(pod)).addKeyValue("node", node).log("pod bound (scheduler stand-in)");
    } catch (KubernetesClientException e) {
      // already bound, deleted meanwhile, or a conflict: the informer brings the next state
      LOG.atDebug().addKeyValue("pod", key(pod)).addKeyValue("error", e.getMessage()).log("binding failed");
    }
  }

  static boolean fits(Pod pod, Node node) {
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null && selector.entrySet().stream().anyMatch(e -> !e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    var affinity = pod.getSpec().getAffinity();
    if (affinity != null && affinity.getNodeAffinity() != null
        && affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
      List<NodeSelectorTerm> terms = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
          .getNodeSelectorTerms();
      if (terms != null && !terms.isEmpty() && terms.stream().noneMatch(t -> termMatches(t, node, labels))) {
        return false;
      }
    }
    List<Taint> taints = new ArrayList<>(node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints());
    if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      taints.add(new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null));
    }
    List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
    for (Taint taint : taints) {
      if ("PreferNoSchedule".equals(taint.getEffect())) {
        continue;
      }
      if (tolerations.stream().noneMatch(t -> tolerates(t, taint))) {
        return false;
      }
    }
    return true;
  }

  private static boolean termMatches(NodeSelectorTerm term, Node node, Map<String, String> labels) {
    for (NodeSelectorRequirement r : term.getMatchFields() == null ? List.<NodeSelectorRequirement>of()
        : term.getMatchFields()) {
      String value = "metadata.name".equals(r.getKey()) ? node.getMetadata().getName() : null;
      if (!requirement(r, value)) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : term.getMatchExpressions() == null ? List.<NodeSelectorRequirement>of()
        : term.getMatchExpressions()) {
      if (!requirement(r, labels.get(r.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean requirement(NodeSelectorRequirement r, String value) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }

  static boolean tolerates(Toleration t, Taint taint) {
    if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
      return false;
    }
    if (t.getKey() == null || t.getKey().isEmpty()) {
      return "Exists".equals(t.getOperator());
    }
    if (!t.getKey().equals(taint.getKey())) {
      return false;
    }
    return "Exists".equals(t.getOperator()) || Objects.equals(Objects.toString(t.getValue(), ""),
        Objects.toString(taint.getValue(), ""));
  }

  private static String annotation(Node node, String key) {
    return node.getMetadata().getAnnotations() == null ? null : node.getMetadata().getAnnotations().get(key);
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  @Override
  public void close() throws InterruptedException {
    if (pods != null) {
      pods.close();
    }
    if (nodes != null) {
      nodes.close();
    }
    worker.shutdownNow();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Any add/update/delete calls {@code onChange}. */
  static final class Handler<T> implements ResourceEventHandler<T> {
    private final java.util.function.Consumer<T> onChange;

    Handler(java.util.function.Consumer<T> onChange) {
      this.onChange = onChange;
    }

    @Override
    public void onAdd(T obj) {
      onChange.accept(obj);
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      onChange.accept(newObj);
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      onChange.accept(obj);
    }
  }
}
