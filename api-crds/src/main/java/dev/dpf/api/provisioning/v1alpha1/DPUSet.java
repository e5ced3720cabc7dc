package dev.dpf.api.provisioning.v1alpha1;

import static dev.dpf.api.common.ApiGroups.READY_STATUS_PATH;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.ApiGroups;
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
 * To DPUs what a DaemonSet is to Pods: selects host Nodes (and DPUs on them) and keeps one DPU object per selected
 * DPU, built from a template.
 */
@Group(ApiGroups.PROVISIONING)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPUSet")
@Plural("dpusets")
@Singular("dpuset")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@ValidationRule(value = "self.metadata.name.size() <= 63",
    message = "metadata.name must be no more than 63 characters")
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Strategy", jsonPath = ".spec.strategy.type",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "BFB", jsonPath = ".spec.dpuTemplate.spec.bfb.name",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Flavor", jsonPath = ".spec.dpuTemplate.spec.dpuFlavor",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPUSet extends CustomResource<DPUSetSpec, DPUSetStatus> implements Namespaced {

  /** Finalizer removed when the DPUSet is deleted (its DPUs go by garbage collection). */
  public static final String FINALIZER = "provisioning.dpu.nvidia.com/dpuset-protection";

  // ---- condition types (later releases; v24.10 has none)
  public static final String CONDITION_READY = "Ready";
  public static final String CONDITION_DPUSET_PREREQS_RECONCILED = "DPUSetPrereqsReconciled";
  public static final List<String> CONDITIONS = List.of(CONDITION_READY, CONDITION_DPUSET_PREREQS_RECONCILED);

  // ---- event reasons (v24.10)
  public static final String EVENT_SUCCESSFUL_CREATE = "SuccessfulCreate";
  public static final String EVENT_FAILED_CREATE = "FailedCreate";
  public static final String EVENT_SUCCESSFUL_DELETE = "SuccessfulDelete";
  public static final String EVENT_FAILED_DELETE = "FailedDelete";

  /** {@code maxUnavailable} when the strategy is RollingUpdate without one (upstream mutating webhook). */
  public static final int DEFAULT_MAX_UNAVAILABLE = 1;

  @Override
  @JsonPropertyDescription("DPUSetSpec selects hosts and DPUs and holds the template of the DPUs.")
  public DPUSetSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("DPUSetStatus is the observed state of the DPUSet.")
  public DPUSetStatus getStatus() {
    return super.getStatus();
  }

  /** The effective strategy type: {@code Recreate} when absent (upstream mutating webhook default). */
  public DPUSetStrategyType effectiveStrategyType() {
    DPUSetSpec spec = getSpec();
    if (spec == null || spec.getStrategy() == null || spec.getStrategy().getType() == null) {
      return DPUSetStrategyType.RECREATE;
    }
    return spec.getStrategy().getType();
  }
}
