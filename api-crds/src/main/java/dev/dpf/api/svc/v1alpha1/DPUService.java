package dev.dpf.api.svc.v1alpha1;

import static dev.dpf.api.common.ApiGroups.READY_REASON_PATH;
import static dev.dpf.api.common.ApiGroups.READY_STATUS_PATH;

import dev.dpf.api.common.ApiGroups;
import dev.dpf.api.common.Conditions;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.Annotations;
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
 * Deploys one Helm chart to every DPU cluster (or, with {@code deployInCluster}, to the host cluster) through one
 * ArgoCD Application per target cluster.
 */
@Group(ApiGroups.SVC)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPUService")
@Plural("dpuservices")
@Singular("dpuservice")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@ValidationRule(value = "self.metadata.name.size() <= 63", message = "name length can't be bigger than 63 chars")
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = READY_REASON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPUService extends CustomResource<DPUServiceSpec, DPUServiceStatus> implements Namespaced {

  /** Finalizer of the DPUService controller. */
  public static final String FINALIZER = "dpu.nvidia.com/dpuservice";
  /** Field owner (server-side apply manager) of every DPUService controller write. */
  public static final String FIELD_OWNER = "dpuservice-manager";

  public static final String CONDITION_READY = Conditions.READY;
  public static final String CONDITION_APPLICATION_PREREQS_RECONCILED = "ApplicationPrereqsReconciled";
  public static final String CONDITION_APPLICATIONS_RECONCILED = "ApplicationsReconciled";
  public static final String CONDITION_APPLICATIONS_READY = "ApplicationsReady";
  public static final String CONDITION_DPUSERVICE_INTERFACE_RECONCILED = "DPUServiceInterfaceReconciled";
  /** Later DPF releases. */
  public static final String CONDITION_CONFIG_PORTS_RECONCILED = "ConfigPortsReconciled";

  /** Owned condition types in upstream order (the order they first appear in {@code status.conditions}). */
  public static final List<String> CONDITIONS = List.of(CONDITION_READY, CONDITION_APPLICATION_PREREQS_RECONCILED,
      CONDITION_APPLICATIONS_RECONCILED, CONDITION_APPLICATIONS_READY, CONDITION_DPUSERVICE_INTERFACE_RECONCILED,
      CONDITION_CONFIG_PORTS_RECONCILED);

  /** Cluster name of the host cluster in ArgoCD (Application destination and name prefix). */
  public static final String IN_CLUSTER = "in-cluster";
  /** ArgoCD AppProject of DPU-targeted services. */
  public static final String APP_PROJECT_DPU = "doca-platform-project-dpu";
  /** ArgoCD AppProject of {@code deployInCluster} services. */
  public static final String APP_PROJECT_HOST = "doca-platform-project-host";

  /** ArgoCD Application name for this DPUService in a cluster: {@code <clusterName>-<dpuServiceName>}. */
  public static String applicationName(String clusterName, String dpuServiceName) {
    return clusterName + "-" + dpuServiceName;
  }

  /** Whether the chart goes to the host cluster ({@code spec.deployInCluster: true}). */
  public boolean deploysInCluster() {
    return getSpec() != null && Boolean.TRUE.equals(getSpec().getDeployInCluster());
  }

  /** Whether reconciliation is paused ({@code spec.paused: true}). */
  public boolean paused() {
    return getSpec() != null && Boolean.TRUE.equals(getSpec().getPaused());
  }

  /** Whether the DPUService carries the critical label ({@code svc.dpu.nvidia.com/critical}, any value). */
  public boolean critical() {
    return getMetadata() != null && getMetadata().getLabels() != null
        && getMetadata().getLabels().containsKey(ServiceLabels.CRITICAL);
  }
}
