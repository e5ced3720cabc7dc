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

/** Host cluster: a chain definition mirrored as a same-named ServiceChainSet into every targeted DPU cluster. */
@Group(ApiGroups.SVC)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPUServiceChain")
@Plural("dpuservicechains")
@Singular("dpuservicechain")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@ValidationRule(value = ChainKinds.NAME_LENGTH_RULE, message = ChainKinds.NAME_LENGTH_MESSAGE)
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = READY_REASON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPUServiceChain extends CustomResource<DPUServiceChainSpec, DPUServiceChainStatus>
    implements Namespaced {

  /** Finalizer added by the host controller. */
  public static final String FINALIZER = "svc.dpu.nvidia.com/dpuservicechain";

  public static final String CONDITION_READY = Conditions.READY;
  public static final String CONDITION_SERVICE_CHAIN_SET_RECONCILED = "ServiceChainSetReconciled";
  public static final String CONDITION_SERVICE_CHAIN_SET_READY = "ServiceChainSetReady";
  /** Condition types owned by the kind, in upstream order. */
  public static final List<String> CONDITIONS = List.of(CONDITION_READY, CONDITION_SERVICE_CHAIN_SET_RECONCILED,
      CONDITION_SERVICE_CHAIN_SET_READY);

  /** SSA field owner of the host controller. */
  public static final String FIELD_OWNER = "dpuservicechaincontroller";
}
