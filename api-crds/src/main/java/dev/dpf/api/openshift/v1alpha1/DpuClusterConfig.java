package dev.dpf.api.openshift.v1alpha1;

import static dev.dpf.api.common.ApiGroups.READY_REASON_PATH;
import static dev.dpf.api.common.ApiGroups.READY_STATUS_PATH;

import dev.dpf.api.common.ApiGroups;
import dev.dpf.api.common.Conditions;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.Annotations;
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
 * OpenShift DPU Network Operator (infra cluster): the MachineConfigPool of the BlueField nodes and the tenant
 * cluster whose OVN-Kubernetes the DPU-side ovnkube-node joins.
 */
@Group(ApiGroups.OPENSHIFT)
@Version(ApiGroups.V1ALPHA1)
@Kind("DpuClusterConfig")
@Plural("dpuclusterconfigs")
@Singular("dpuclusterconfig")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@AdditionalPrinterColumn(name = "Pool", jsonPath = ".spec.poolName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = READY_REASON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DpuClusterConfig extends CustomResource<DpuClusterConfigSpec, DpuClusterConfigStatus>
    implements Namespaced {

  /** Summary condition (an addition of this implementation; upstream has only the three below). */
  public static final String CONDITION_READY = Conditions.READY;
  public static final String CONDITION_MCP_READY = "McpReady";
  public static final String CONDITION_TENANT_OBJS_SYNCED = "TenantObjsSynced";
  public static final String CONDITION_OVNKUBE_READY = "OvnKubeReady";
  /** Condition types: Ready (this implementation's summary) then upstream's three, in upstream order. */
  public static final List<String> CONDITIONS = List.of(CONDITION_READY, CONDITION_MCP_READY,
      CONDITION_TENANT_OBJS_SYNCED, CONDITION_OVNKUBE_READY);

  // Reasons (exact upstream strings).
  public static final String REASON_CREATED = "Created";
  public static final String REASON_FAILED_CREATED = "FailedCreated";
  public static final String REASON_NOT_FOUND = "NotFound";
  public static final String REASON_PROGRESSING = "Progressing";
  public static final String REASON_FAILED_START = "FailedStart";

  /** Key of the tenant kubeconfig in the Secret named by {@code spec.kubeConfigFile}. */
  public static final String KUBECONFIG_SECRET_KEY = "config";
  /** Pool names that are rejected. */
  public static final List<String> RESERVED_POOL_NAMES = List.of("master", "worker");
  /** Message of the DaemonSet roll-out condition. */
  public static final String OVNKUBE_ROLLING_OUT_MESSAGE = "DaemonSet 'ovnkube-node' is rolling out";

  /** Field owner of this implementation's controller (not given by the reference). */
  public static final String FIELD_OWNER = "dpu-network-operator";
}
