package dev.dpf.api.provisioning.v1alpha1;

import static dev.dpf.api.common.ApiGroups.READY_STATUS_PATH;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.ApiGroups;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.Annotations;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * The Kubernetes control plane that DPUs join: a contract between a cluster manager (static, Kamaji or a vendor
 * type), which creates or adopts the control plane and publishes its admin kubeconfig Secret, and the provisioning
 * controller, which health-checks it and assigns DPUs to it.
 */
@Group(ApiGroups.PROVISIONING)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPUCluster")
@Plural("dpuclusters")
@Singular("dpucluster")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@ValidationRule(value = "self.metadata.name.size() <= 63",
    message = "metadata.name must be no more than 63 characters")
@ValidationRule(value = "oldSelf.hasValue() || self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
    optionalOldSelf = true,
    message = "metadata.name: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
        + "with an alphabetic character, and end with an alphanumeric character")
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.type", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "MaxNodes", jsonPath = ".spec.maxNodes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "NodesCount", jsonPath = ".status.nodesCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Observed-Version", jsonPath = ".status.version",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPUCluster extends CustomResource<DPUClusterSpec, DPUClusterStatus> implements Namespaced {

  /** Added and removed by the cluster manager that owns the type. */
  public static final String FINALIZER_CLUSTER_MANAGER_CLEAN_UP =
      "provisioning.dpu.nvidia.com/cluster-manager-clean-up";
  /** Added and removed by the provisioning controller's DPUCluster (health) controller. */
  public static final String FINALIZER_CLUSTER_MANAGER_INTERNAL_CLEAN_UP =
      "provisioning.dpu.nvidia.com/cluster-manager-internal-clean-up";
  public static final List<String> FINALIZERS =
      List.of(FINALIZER_CLUSTER_MANAGER_CLEAN_UP, FINALIZER_CLUSTER_MANAGER_INTERNAL_CLEAN_UP);

  /** Built-in cluster manager types ({@code spec.type}); vendor types contain a {@code /}. */
  public static final String TYPE_STATIC = "static";
  public static final String TYPE_KAMAJI = "kamaji";

  /** Default and maximum of {@code spec.maxNodes} (v24.10). */
  public static final int DEFAULT_MAX_NODES = 1000;

  /** Key of the admin kubeconfig in the Secret named by {@code spec.kubeconfig}. */
  public static final String KUBECONFIG_SECRET_KEY = "admin.conf";

  // ---- condition types (upstream order)
  /** Set by the cluster manager: the control plane exists and its kubeconfig is published. */
  public static final String CONDITION_CREATED = "Created";
  /** Set by the Kamaji manager when keepalived is configured. */
  public static final String CONDITION_KEEPALIVED_READY = "KeepalivedReady";
  /** Set by the provisioning controller from the health check. */
  public static final String CONDITION_READY = "Ready";
  /** Later releases: constant defined upstream, not set by the v24.10 code. */
  public static final String CONDITION_UPGRADED = "Upgraded";
  public static final List<String> CONDITIONS = List.of(CONDITION_CREATED, CONDITION_KEEPALIVED_READY, CONDITION_READY);

  // ---- condition reasons and messages
  public static final String REASON_CREATED = "Created";
  public static final String REASON_EMPTY_KUBECONFIG = "EmptyKubeconfig";
  public static final String MESSAGE_EMPTY_KUBECONFIG = "spec.kubeconfig is empty";
  public static final String REASON_CLUSTER_NOT_READY = "ClusterNotReady";
  public static final String MESSAGE_CREATING_CLUSTER = "creating cluster";
  public static final String REASON_DEPLOYED = "Deployed";
  public static final String REASON_HEALTH_CHECK_PASSED = "HealthCheckPassed";
  public static final String REASON_HEALTH_CHECK_FAILED = "HealthCheckFailed";

  @Override
  @JsonPropertyDescription("DPUClusterSpec describes the DPU cluster control plane and who manages it.")
  public DPUClusterSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @Default("{\"phase\":\"Pending\"}")
  @JsonPropertyDescription("DPUClusterStatus is the observed state of the DPU cluster.")
  public DPUClusterStatus getStatus() {
    return super.getStatus();
  }

  /** The effective {@code spec.maxNodes} (default 1000 when the schema default has not been applied). */
  public int effectiveMaxNodes() {
    DPUClusterSpec spec = getSpec();
    return spec != null && spec.getMaxNodes() != null ? spec.getMaxNodes() : DEFAULT_MAX_NODES;
  }

  /** The current phase; an absent phase counts as {@code Pending} (the schema default). */
  public DPUClusterPhase effectivePhase() {
    DPUClusterStatus status = getStatus();
    return status != null && status.getPhase() != null ? status.getPhase() : DPUClusterPhase.PENDING;
  }
}
