package dev.dpf.provisioning.dpucluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.ImageComponentConfiguration;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterStatus;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the built-in cluster managers (static, Kamaji) share (reference 3.4): acting only on their own type, the
 * {@code cluster-manager-clean-up} finalizer, condition-only status patches, and being switched on and off by the
 * DPFOperatorConfig in the operator namespace.
 */
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs"}, verbs = {"get", "list", "watch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters"}, verbs = {"get", "list", "watch", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpuclusters/status"}, verbs = {"get", "update", "patch"})
final class ClusterManagers {

  /** Reason of {@code Created=False} on clusters of a manager that the DPFOperatorConfig disables. */
  static final String REASON_CLUSTER_MANAGER_DISABLED = "ClusterManagerDisabled";

  /** The DPFOperatorConfig name upstream installs; preferred when the namespace holds several. */
  static final String OPERATOR_CONFIG_NAME = "dpfoperatorconfig";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ClusterManagers() {}

  /** Whether a manager is on, and the sentence that explains why not. */
  record Enablement(boolean enabled, String disabledMessage) {}

  /**
   * The static manager: enabled when {@code spec.staticClusterManager} is present and not disabled (off by default).
   */
  static Enablement staticManager(Optional<DPFOperatorConfig> config, String namespace) {
    Optional<ImageComponentConfiguration> c = config.map(o -> o.getSpec() == null ? null
        : o.getSpec().getStaticClusterManager());
    if (c.isPresent() && !c.get().disabled()) {
      return new Enablement(true, null);
    }
    String where = config.map(o -> "DPFOperatorConfig " + namespace + "/" + o.getMetadata().getName())
        .orElse("a DPFOperatorConfig in namespace " + namespace);
    return new Enablement(false, "the static cluster manager is disabled: set spec.staticClusterManager: {} in "
        + where + " to enable it");
  }

  /** The Kamaji manager: enabled unless {@code spec.kamajiClusterManager.disable} is true (on by default). */
  static Enablement kamajiManager(Optional<DPFOperatorConfig> config, String namespace) {
    Optional<ImageComponentConfiguration> c = config.map(o -> o.getSpec() == null ? null
        : o.getSpec().getKamajiClusterManager());
    if (c.isEmpty() || !c.get().disabled()) {
      return new Enablement(true, null);
    }
    return new Enablement(false, "the Kamaji cluster manager is disabled by spec.kamajiClusterManager.disable in "
        + "DPFOperatorConfig " + namespace + "/" + config.get().getMetadata().getName());
  }

  /** The DPFOperatorConfig of the installation: the one named dpfoperatorconfig, else the first by name. */
  static Optional<DPFOperatorConfig> operatorConfig(InformerEventSource<DPFOperatorConfig, DPUCluster> source,
      String namespace) {
    List<DPFOperatorConfig> all = source.list(namespace, c -> true)
        .sorted(Comparator.comparing(c -> c.getMetadata().getName()))
        .toList();
    return all.stream().filter(c -> OPERATOR_CONFIG_NAME.equals(c.getMetadata().getName())).findFirst()
        .or(() -> all.stream().findFirst());
  }

  /**
   * An informer on the DPFOperatorConfigs of the operator namespace; any change wakes every DPUCluster of
   * {@code type}, so enabling or disabling a manager takes effect at once.
   */
  static InformerEventSource<DPFOperatorConfig, DPUCluster> operatorConfigSource(
      EventSourceContext<DPUCluster> context, String name, String operatorNamespace, String type) {
    InformerEventSourceConfiguration<DPFOperatorConfig> config =
        InformerEventSourceConfiguration.from(DPFOperatorConfig.class, DPUCluster.class)
            .withName(name)
            .withNamespaces(java.util.Set.of(operatorNamespace))
            .withFollowControllerNamespacesChanges(false)
            .withSecondaryToPrimaryMapper(c -> context.getPrimaryCache().list(cluster -> isType(cluster, type))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(config, context);
  }

  static boolean isType(DPUCluster cluster, String type) {
    return cluster.getSpec() != null && type.equals(cluster.getSpec().getType());
  }

  static boolean hasFinalizer(DPUCluster cluster) {
    return cluster.getMetadata().getFinalizers() != null
        && cluster.getMetadata().getFinalizers().contains(DPUCluster.FINALIZER_CLUSTER_MANAGER_CLEAN_UP);
  }

  /** Adds {@code cluster-manager-clean-up} with server-side apply: the manager owns exactly that list entry. */
  static void addFinalizer(KubernetesClient client, DPUCluster cluster, String fieldManager) {
    DPUCluster patch = new DPUCluster();
    patch.setMetadata(new ObjectMetaBuilder().withName(cluster.getMetadata().getName())
        .withNamespace(cluster.getMetadata().getNamespace())
        .withFinalizers(DPUCluster.FINALIZER_CLUSTER_MANAGER_CLEAN_UP).build());
    client.resource(patch).patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
        .withFieldManager(fieldManager).withForce(true).build());
  }

  /**
   * Removes {@code cluster-manager-clean-up} with a JSON patch that first tests the entry is still at its index, so a
   * concurrent change of the list makes the patch fail (and the reconcile retry) instead of removing another entry.
   */
  static void removeFinalizer(KubernetesClient client, DPUCluster cluster) {
    List<String> finalizers = cluster.getMetadata().getFinalizers();
    int index = finalizers == null ? -1 : finalizers.indexOf(DPUCluster.FINALIZER_CLUSTER_MANAGER_CLEAN_UP);
    if (index < 0) {
      return;
    }
    String path = "/metadata/finalizers/" + index;
    List<Map<String, Object>> ops = List.of(
        Map.of("op", "test", "path", path, "value", DPUCluster.FINALIZER_CLUSTER_MANAGER_CLEAN_UP),
        Map.of("op", "remove", "path", path));
    client.resources(DPUCluster.class).inNamespace(cluster.getMetadata().getNamespace())
        .withName(cluster.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON), SERIALIZATION.asJson(ops));
  }

  /** Sets {@code spec.kubeconfig} (merge patch) when it is empty, before Created=True is reported (reference 3.4). */
  static void publishKubeconfig(KubernetesClient client, DPUCluster cluster, String secretName) {
    client.resources(DPUCluster.class).inNamespace(cluster.getMetadata().getNamespace())
        .withName(cluster.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            SERIALIZATION.asJson(Map.of("spec", Map.of("kubeconfig", secretName))));
    cluster.getSpec().setKubeconfig(secretName);
  }

  /**
   * Tells the user the manager of this cluster's type is disabled ({@code Created=False/ClusterManagerDisabled}),
   * unless some manager already reported {@code Created}: a cluster created while the manager was on keeps working
   * and is left alone.
   */
  static void markDisabled(DPUClusterStatus status, StatusConditions conditions, String message, Long generation) {
    Optional<Condition> created = StatusConditions.find(status, DPUCluster.CONDITION_CREATED);
    if (created.isEmpty() || REASON_CLUSTER_MANAGER_DISABLED.equals(created.get().getReason())) {
      conditions.set(status, DPUCluster.CONDITION_CREATED, Conditions.FALSE, REASON_CLUSTER_MANAGER_DISABLED, message,
          generation);
    }
  }

  /**
   * A status patch holding only the manager's own condition types (no phase, no observedGeneration: those belong
   * to the health controller), or {@code noUpdate()} when none of them changed. With server-side apply the manager
   * owns exactly these list entries; an owned type left out is removed.
   */
  static UpdateControl<DPUCluster> patchConditions(DPUCluster cluster, JsonNode before, List<String> owned) {
    List<Condition> now = owned(cluster.getStatus() == null ? null : cluster.getStatus().getConditions(), owned);
    DPUClusterStatus old = before == null || before.isNull() ? null
        : SERIALIZATION.convertValue(before, DPUClusterStatus.class);
    List<Condition> was = owned(old == null ? null : old.getConditions(), owned);
    if (Objects.equals(Statuses.snapshot(was), Statuses.snapshot(now))) {
      return UpdateControl.noUpdate();
    }
    DPUCluster patch = new DPUCluster();
    patch.setMetadata(new ObjectMetaBuilder().withName(cluster.getMetadata().getName())
        .withNamespace(cluster.getMetadata().getNamespace()).withUid(cluster.getMetadata().getUid()).build());
    DPUClusterStatus status = new DPUClusterStatus();
    status.setConditions(now);
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
  }

  private static List<Condition> owned(List<Condition> conditions, List<String> owned) {
    List<Condition> out = new ArrayList<>();
    if (conditions != null) {
      conditions.stream().filter(c -> owned.contains(c.getType())).forEach(out::add);
    }
    return out;
  }

  /** The owned conditions keyed by type, for comparisons. */
  static Map<String, Condition> byType(DPUClusterStatus status) {
    return status == null || status.getConditions() == null ? Map.of()
        : status.getConditions().stream().collect(Collectors.toMap(Condition::getType, Function.identity(),
            (a, b) -> a));
  }
}
