package dev.dpf.dpuservice.dpuready;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.K8sCluster;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.cluster.DpuClusterRuntime;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dpu.nvidia.com/dpu-ready:NoSchedule} taint on host Nodes (reference 11): present while a critical
 * DPUService (label {@code svc.dpu.nvidia.com/critical}) has no running and ready pod on one of the host's DPUs,
 * removed when all run. Event driven: DPU-cluster pods and nodes ({@link DpuPodCache}), DPUs, DPUServices, the
 * DPFOperatorConfig and the host Node itself wake the host concerned, with a 10-minute safety resync.
 *
 * <p>A host is managed when it is labelled {@code feature.node.kubernetes.io/dpu-enabled: "true"}, is not a
 * control-plane node, and has DPU objects ({@code DPU.spec.nodeName}); the DPU's node in its DPU cluster has the DPU's
 * name. When the DPU cluster of a DPU cannot be observed (not Ready, caches not synced) the taint is left as it is.
 * {@code DPFOperatorConfig.spec.dpuServiceController.disableDPUReadyTaints: true} stops all taint changes.
 */
@Rbac(group = "", resources = {"nodes"}, verbs = {"get", "list", "watch", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus"}, verbs = {"get", "list", "watch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservices"}, verbs = {"get", "list", "watch"})
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "dpuready", generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = DpuReadyReconciler.LabelsOrTaintsChanged.class))
@GradualRetry(maxAttempts = -1, initialInterval = 1_000, intervalMultiplier = 2, maxInterval = 60_000)
public class DpuReadyReconciler implements Reconciler<Node> {

  public static final String EFFECT = "NoSchedule";
  static final String EVENT_ADDED = "DPUReadyTaintAdded";
  static final String EVENT_REMOVED = "DPUReadyTaintRemoved";
  static final Duration UNKNOWN_RECHECK = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(DpuReadyReconciler.class);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final DpuPodCache pods;
  private final DpuClusterRuntime runtime;
  private final EventRecorder events;
  private final OperatorSettings settings;
  private DpuReadyEventSources sources;

  public DpuReadyReconciler(DpuPodCache pods, DpuClusterRuntime runtime, EventRecorder events,
      OperatorSettings settings) {
    this.pods = pods;
    this.runtime = runtime;
    this.events = events;
    this.settings = settings;
  }

  @Override
  public List<EventSource<?, Node>> prepareEventSources(EventSourceContext<Node> context) {
    sources = new DpuReadyEventSources(context, settings);
    pods.listener(new DpuPodCache.Listener() {
      @Override
      public void nodeChanged(ClusterRef cluster, String nodeName) {
        sources.wakeHostsOf(cluster, nodeName);
      }

      @Override
      public void clusterChanged(ClusterRef cluster) {
        sources.wakeAllHosts();
      }
    });
    runtime.onClustersChanged(ready -> sources.wakeAllHosts());
    return sources.all();
  }

  @Override
  public UpdateControl<Node> reconcile(Node node, Context<Node> context) {
    if (disabled() || !managed(node)) {
      return UpdateControl.noUpdate();
    }
    String host = node.getMetadata().getName();
    List<DPU> dpus = sources.dpusOf(host);
    List<DPUService> critical = sources.services.list(CriticalServices::counts).toList();
    CriticalServices.Verdict verdict = new CriticalServices.Verdict(true, List.of());
    if (!dpus.isEmpty() && !critical.isEmpty()) {
      List<CriticalServices.Dpu> observed = new ArrayList<>();
      for (DPU dpu : dpus) {
        Optional<DpuPodCache.View> view = viewOf(dpu);
        if (view.isEmpty()) {
          LOG.atDebug().addKeyValue("node", host).addKeyValue("dpu", dpu.getMetadata().getName())
              .log("DPU cluster of the DPU cannot be observed; leaving the taint as it is");
          return UpdateControl.<Node>noUpdate().rescheduleAfter(UNKNOWN_RECHECK);
        }
        String name = dpu.getMetadata().getName();
        observed.add(new CriticalServices.Dpu(name, view.get().node(name).orElse(null), view.get().podsOn(name)));
      }
      verdict = CriticalServices.evaluate(critical, observed);
    }
    boolean tainted = hasTaint(node);
    if (verdict.ready() == tainted) {
      patchTaints(context, node, !verdict.ready());
      if (verdict.ready()) {
        LOG.atInfo().addKeyValue("Node", host).log("Removing taint from node");
        events.normal(node, EVENT_REMOVED, "Removed taint " + ServiceLabels.DPU_READY_TAINT + ":" + EFFECT
            + ": all critical DPU services are ready");
      } else {
        LOG.atInfo().addKeyValue("Node", host).addKeyValue("notReady", verdict.notReady())
            .log("Adding taint to node");
        events.normal(node, EVENT_ADDED, "Added taint " + ServiceLabels.DPU_READY_TAINT + ":" + EFFECT
            + ": critical DPU services not ready: " + String.join(", ", verdict.notReady()));
      }
    }
    return UpdateControl.noUpdate();
  }

  private boolean disabled() {
    return sources.operatorConfigs.list(settings.operatorNamespace()).anyMatch(c -> c.getSpec() != null
        && c.getSpec().getDpuServiceController() != null
        && Boolean.TRUE.equals(c.getSpec().getDpuServiceController().getDisableDPUReadyTaints()));
  }

  /** Host worker nodes with DPUs: labelled dpu-enabled, not control-plane. */
  static boolean managed(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels != null && "true".equals(labels.get(ProvisioningLabels.NODE_DPU_ENABLED))
        && !labels.containsKey("node-role.kubernetes.io/control-plane")
        && !labels.containsKey("node-role.kubernetes.io/master");
  }

  private Optional<DpuPodCache.View> viewOf(DPU dpu) {
    K8sCluster cluster = dpu.getSpec() == null ? null : dpu.getSpec().getCluster();
    if (cluster != null && cluster.getName() != null && !cluster.getName().isEmpty()) {
      return pods.view(cluster.getNamespace(), cluster.getName());
    }
    String name = dpu.getMetadata().getName();
    List<DpuPodCache.View> views = pods.views();
    return views.stream().filter(v -> v.node(name).isPresent()).findFirst()
        .or(() -> views.isEmpty() ? Optional.empty() : Optional.of(views.get(0)));
  }

  static boolean hasTaint(Node node) {
    return node.getSpec() != null && node.getSpec().getTaints() != null && node.getSpec().getTaints().stream()
        .anyMatch(DpuReadyReconciler::isOurs);
  }

  private static boolean isOurs(Taint t) {
    return ServiceLabels.DPU_READY_TAINT.equals(t.getKey()) && EFFECT.equals(t.getEffect());
  }

  /** Adds or removes only our taint; the patch fails (and is retried) if the Node changed since it was read. */
  private static void patchTaints(Context<Node> context, Node node, boolean taint) {
    List<Taint> taints = new ArrayList<>(node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
        : node.getSpec().getTaints());
    taints.removeIf(DpuReadyReconciler::isOurs);
    if (taint) {
      taints.add(new TaintBuilder().withKey(ServiceLabels.DPU_READY_TAINT).withEffect(EFFECT).build());
    }
    List<Object> ops = List.of(
        Map.of("op", "test", "path", "/metadata/resourceVersion", "value", node.getMetadata().getResourceVersion()),
        Map.of("op", "add", "path", "/spec/taints", "value", taints));
    context.getClient().nodes().withName(node.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON), SERIALIZATION.asJson(ops));
  }

  /** Reconcile a host Node when its labels or taints change, not on status heartbeats. */
  public static final class LabelsOrTaintsChanged implements OnUpdateFilter<Node> {
    @Override
    public boolean accept(Node a, Node b) {
      return !Objects.equals(a.getMetadata().getLabels(), b.getMetadata().getLabels())
          || !Objects.equals(a.getSpec() == null ? null : a.getSpec().getTaints(),
              b.getSpec() == null ? null : b.getSpec().getTaints());
    }
  }
}
