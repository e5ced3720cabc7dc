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
 * Host cluster: an IP pool for service interfaces, translated into an NVIPAM IPPool ({@code ipv4Subnet}) or CIDRPool
 * ({@code ipv4Network}) in every targeted DPU cluster.
 */
@Group(ApiGroups.SVC)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPUServiceIPAM")
@Plural("dpuserviceipams")
@Singular("dpuserviceipam")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@ValidationRule(value = ChainKinds.NAME_LENGTH_RULE, message = ChainKinds.NAME_LENGTH_MESSAGE)
@ValidationRule(value = "has(self.spec)", message = IpamRules.ONE_OF_MESSAGE, fieldPath = ".spec")
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = READY_REASON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPUServiceIPAM extends CustomResource<DPUServiceIPAMSpec, DPUServiceIPAMStatus> implements Namespaced {

  /** Finalizer added by the host controller. */
  public static final String FINALIZER = "svc.dpu.nvidia.com/dpuserviceipam";

  public static final String CONDITION_READY = Conditions.READY;
  public static final String CONDITION_DPU_IPAM_OBJECT_RECONCILED = "DPUIPAMObjectReconciled";
  public static final String CONDITION_DPU_IPAM_OBJECT_READY = "DPUIPAMObjectReady";
  /** Condition types owned by the kind, in upstream order. */
  public static final List<String> CONDITIONS = List.of(CONDITION_READY, CONDITION_DPU_IPAM_OBJECT_RECONCILED,
      CONDITION_DPU_IPAM_OBJECT_READY);

  /** SSA field owner of the host controller. */
  public static final String FIELD_OWNER = "dpuserviceipamcontroller";

  /**
   * The only namespace the v24.10 webhook accepts. Not enforceable by CRD validation (CEL cannot read
   * metadata.namespace); see docs/api/servicechain-operator.md.
   */
  public static final String SUPPORTED_NAMESPACE = "dpf-operator-system";
  /** Webhook message for objects outside {@link #SUPPORTED_NAMESPACE}. */
  public static final String UNSUPPORTED_NAMESPACE_MESSAGE =
      "currently only 'dpf-operator-system' namespace is supported";

  /** NVIPAM pool kinds. */
  public static final String POOL_KIND_IPPOOL = "IPPool";
  public static final String POOL_KIND_CIDRPOOL = "CIDRPool";

  /** True for {@code ipv4Subnet} (IPPool mode), false for {@code ipv4Network} (CIDRPool mode). */
  public boolean ipPoolMode() {
    return getSpec() != null && getSpec().getIpv4Subnet() != null;
  }

  /** The NVIPAM kind this object becomes: IPPool for ipv4Subnet, else CIDRPool. */
  public String poolKind() {
    return ipPoolMode() ? POOL_KIND_IPPOOL : POOL_KIND_CIDRPOOL;
  }
}
