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
 * Creates a ServiceAccount in a target cluster (a DPUCluster, or the host cluster) and publishes a kubeconfig or
 * token-file Secret for it in the host cluster, refreshed before the token expires.
 */
@Group(ApiGroups.SVC)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPUServiceCredentialRequest")
@Plural("dpuservicecredentialrequests")
@Singular("dpuservicecredentialrequest")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@ValidationRule(value = "self.metadata.name.size() <= 63", message = "name length can't be bigger than 63 chars")
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = READY_REASON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPUServiceCredentialRequest
    extends CustomResource<DPUServiceCredentialRequestSpec, DPUServiceCredentialRequestStatus> implements Namespaced {

  /** Finalizer of the credential request controller. */
  public static final String FINALIZER = "dpu.nvidia.com/dpuservicecredentialrequest";
  /** Field owner of the credential request controller (status, ServiceAccount, Secret). */
  public static final String FIELD_OWNER = "dpuservicecredentialrequestcontroller";

  public static final String CONDITION_READY = Conditions.READY;
  public static final String CONDITION_SERVICE_ACCOUNT_RECONCILED = "ServiceAccountReconciled";
  public static final String CONDITION_SECRET_RECONCILED = "SecretReconciled";

  /** Owned condition types in upstream order. */
  public static final List<String> CONDITIONS =
      List.of(CONDITION_READY, CONDITION_SERVICE_ACCOUNT_RECONCILED, CONDITION_SECRET_RECONCILED);

  /** Secret data key of type {@code kubeconfig}. */
  public static final String SECRET_KEY_KUBECONFIG = "kubeconfig";
  /** Secret data keys of type {@code tokenFile}. */
  public static final String SECRET_KEY_SERVICE_HOST = "KUBERNETES_SERVICE_HOST";
  public static final String SECRET_KEY_SERVICE_PORT = "KUBERNETES_SERVICE_PORT";
  public static final String SECRET_KEY_CA_DATA = "KUBERNETES_CA_DATA";
  public static final String SECRET_KEY_TOKEN_FILE = "TOKEN_FILE";
  /** Cluster entry name used in a kubeconfig for the host cluster. */
  public static final String IN_CLUSTER_NAME = "incluster";
}
