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
 * A bundle of DPU provisioning (BFB, DPUFlavor, DPUSets), N services (DPUServiceTemplate + DPUServiceConfiguration
 * pairs) and one service chain, validated together and upgraded in a coordinated way.
 */
@Group(ApiGroups.SVC)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPUDeployment")
@Plural("dpudeployments")
@Singular("dpudeployment")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@ValidationRule(value = "self.metadata.name.size() <= 20", message = "name length can't be bigger than 20 chars")
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = READY_REASON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPUDeployment extends CustomResource<DPUDeploymentSpec, DPUDeploymentStatus> implements Namespaced {

  /**
   * Finalizer of the DPUDeployment controller; also put on the BFB, DPUFlavor, DPUServiceTemplates and
   * DPUServiceConfigurations it consumes.
   */
  public static final String FINALIZER = "dpu.nvidia.com/dpudeployment";
  /** Field owner of every DPUDeployment controller write. */
  public static final String FIELD_OWNER = "dpudeploymentcontroller";

  public static final String CONDITION_READY = Conditions.READY;
  public static final String CONDITION_PREREQUISITES_READY = "PrerequisitesReady";
  public static final String CONDITION_RESOURCE_FITTING_READY = "ResourceFittingReady";
  /** Later DPF releases. */
  public static final String CONDITION_VERSION_MATCHING_READY = "VersionMatchingReady";
  public static final String CONDITION_DPUSETS_RECONCILED = "DPUSetsReconciled";
  public static final String CONDITION_DPUSETS_READY = "DPUSetsReady";
  public static final String CONDITION_DPUSERVICES_RECONCILED = "DPUServicesReconciled";
  public static final String CONDITION_DPUSERVICES_READY = "DPUServicesReady";
  public static final String CONDITION_DPUSERVICECHAINS_RECONCILED = "DPUServiceChainsReconciled";
  public static final String CONDITION_DPUSERVICECHAINS_READY = "DPUServiceChainsReady";
  public static final String CONDITION_DPUSERVICEINTERFACES_RECONCILED = "DPUServiceInterfacesReconciled";
  public static final String CONDITION_DPUSERVICEINTERFACES_READY = "DPUServiceInterfacesReady";

  /** Owned condition types in upstream order. */
  public static final List<String> CONDITIONS = List.of(CONDITION_READY, CONDITION_PREREQUISITES_READY,
      CONDITION_RESOURCE_FITTING_READY, CONDITION_VERSION_MATCHING_READY, CONDITION_DPUSETS_RECONCILED,
      CONDITION_DPUSETS_READY, CONDITION_DPUSERVICES_RECONCILED, CONDITION_DPUSERVICES_READY,
      CONDITION_DPUSERVICECHAINS_RECONCILED, CONDITION_DPUSERVICECHAINS_READY,
      CONDITION_DPUSERVICEINTERFACES_RECONCILED, CONDITION_DPUSERVICEINTERFACES_READY);

  /** Value of every version label/annotation in v24.10 (no real revisioning). */
  public static final String PLACEHOLDER_VERSION = "placeholder-for-version";
  /** Default of {@code spec.revisionHistoryLimit}. */
  public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

  /** Value of {@link ServiceLabels#OWNED_BY_DPUDEPLOYMENT}: {@code <namespace>_<name>}. */
  public static String ownerLabelValue(String namespace, String name) {
    return namespace + "_" + name;
  }

  /** Name of a generated DPUSet: {@code <dpudeployment>-<nameSuffix>}. */
  public static String dpuSetName(String dpuDeploymentName, String nameSuffix) {
    return dpuDeploymentName + "-" + nameSuffix;
  }

  /** v24.10 name of a generated DPUService: {@code <dpudeployment>-<service>}. */
  public static String legacyDpuServiceName(String dpuDeploymentName, String service) {
    return dpuDeploymentName + "-" + service;
  }

  /**
   * v24.10 name of a generated DPUServiceInterface: {@code <dpudeployment>-<service>-<interface>} with {@code _}
   * replaced by {@code -} in the interface name.
   */
  public static String legacyDpuServiceInterfaceName(String dpuDeploymentName, String service, String interfaceName) {
    return dpuDeploymentName + "-" + service + "-" + interfaceName.replace('_', '-');
  }

  /** v24.10 generated service ID: {@code dpudeployment_<dpudeployment>_<service>}. */
  public static String legacyServiceId(String dpuDeploymentName, String service) {
    return "dpudeployment_" + dpuDeploymentName + "_" + service;
  }

  /** The owner label value of this object. */
  public String ownerLabelValue() {
    return ownerLabelValue(getMetadata().getNamespace(), getMetadata().getName());
  }
}
