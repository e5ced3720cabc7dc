package dev.dpf.api.operator.v1alpha1;

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
 * The DPF installation: the singleton {@code dpf-operator-system/dpfoperatorconfig} from which the operator deploys
 * and configures all system components.
 */
@Group(ApiGroups.OPERATOR)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPFOperatorConfig")
@Plural("dpfoperatorconfigs")
@Singular("dpfoperatorconfig")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = READY_REASON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.version", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPFOperatorConfig extends CustomResource<DPFOperatorConfigSpec, DPFOperatorConfigStatus>
    implements Namespaced {

  /** Finalizer added by the operator. */
  public static final String FINALIZER = "dpu.nvidia.com/dpfoperatorconfig";

  /** Namespace of the singleton (operator flag --config-namespace). */
  public static final String DEFAULT_NAMESPACE = "dpf-operator-system";
  /** Name of the singleton (operator flag --config-name). */
  public static final String DEFAULT_NAME = "dpfoperatorconfig";

  public static final String CONDITION_READY = Conditions.READY;
  /** Later releases: the pre-upgrade validation gate (True when no upgrade is in progress). */
  public static final String CONDITION_PRE_UPGRADE_VALIDATION_READY = "PreUpgradeValidationReady";
  public static final String CONDITION_IMAGE_PULL_SECRETS_RECONCILED = "ImagePullSecretsReconciled";
  public static final String CONDITION_SYSTEM_COMPONENTS_RECONCILED = "SystemComponentsReconciled";
  public static final String CONDITION_SYSTEM_COMPONENTS_READY = "SystemComponentsReady";
  /** Condition types owned by the kind, in upstream order (v24.10 lacks PreUpgradeValidationReady). */
  public static final List<String> CONDITIONS = List.of(CONDITION_READY, CONDITION_PRE_UPGRADE_VALIDATION_READY,
      CONDITION_IMAGE_PULL_SECRETS_RECONCILED, CONDITION_SYSTEM_COMPONENTS_RECONCILED,
      CONDITION_SYSTEM_COMPONENTS_READY);

  /** v26.x condition types (security/PKI/deprecation checks); not owned by this implementation. */
  public static final String CONDITION_DPU_AGENT_IDENTITY_TEMPLATES_VALID = "DPUAgentIdentityTemplatesValid";
  public static final String CONDITION_CA_TRUST_BUNDLE_READY = "CATrustBundleReady";
  public static final String CONDITION_CERT_MANAGEMENT_READY = "CertManagementReady";
  public static final String CONDITION_DEPRECATED_FIELDS_NOT_IN_USE = "DeprecatedFieldsNotInUse";

  /** SSA field owner of the operator (objects and status). */
  public static final String FIELD_OWNER = "dpfoperatorconfig-controller";
}
