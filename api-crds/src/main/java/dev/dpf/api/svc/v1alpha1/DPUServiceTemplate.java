package dev.dpf.api.svc.v1alpha1;

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
 * The NVIDIA-provided base of a service in a DPUDeployment: chart source, baseline values and the resources one
 * instance needs on a DPU. Meant to be replaced rather than edited.
 */
@Group(ApiGroups.SVC)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPUServiceTemplate")
@Plural("dpuservicetemplates")
@Singular("dpuservicetemplate")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = READY_REASON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPUServiceTemplate extends CustomResource<DPUServiceTemplateSpec, DPUServiceTemplateStatus>
    implements Namespaced {

  /** Finalizer of the DPUServiceTemplate controller (later DPF releases). */
  public static final String FINALIZER = "dpu.nvidia.com/dpuservicetemplate";
  /** Field owner of the DPUServiceTemplate controller. */
  public static final String FIELD_OWNER = "dpuservicetemplatecontroller";

  public static final String CONDITION_READY = Conditions.READY;
  public static final String CONDITION_DPUSERVICE_TEMPLATE_RECONCILED = "DPUServiceTemplateReconciled";

  /** Owned condition types in upstream order. */
  public static final List<String> CONDITIONS = List.of(CONDITION_READY, CONDITION_DPUSERVICE_TEMPLATE_RECONCILED);

  /** The only version key DPF matches against a BFB ({@code status.versions}, Chart.yaml annotation). */
  public static final String VERSION_DOCA = "dpu.nvidia.com/doca-version";
  /** Supported keys of {@code status.versions}. */
  public static final List<String> SUPPORTED_VERSION_KEYS = List.of(VERSION_DOCA);
}
