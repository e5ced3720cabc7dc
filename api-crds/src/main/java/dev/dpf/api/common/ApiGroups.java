package dev.dpf.api.common;

/** API groups, the version and CRD-wide markers shared by all DPF kinds. */
public final class ApiGroups {

  public static final String PROVISIONING = "provisioning.dpu.nvidia.com";
  public static final String SVC = "svc.dpu.nvidia.com";
  public static final String OPERATOR = "operator.dpu.nvidia.com";
  public static final String OPENSHIFT = "dpu.openshift.io";
  public static final String V1ALPHA1 = "v1alpha1";

  /** `kubectl get dpf` lists every kind in this category. */
  public static final String CATEGORY = "dpf";

  /** CRD annotation that stops `helm uninstall` from deleting the CRDs and all user data. */
  public static final String KEEP_ANNOTATION = "helm.sh/resource-policy=keep";

  /** JSONPath of the Ready condition status, for printer columns. */
  public static final String READY_STATUS_PATH = ".status.conditions[?(@.type=='Ready')].status";
  /** JSONPath of the Ready condition reason, for printer columns. */
  public static final String READY_REASON_PATH = ".status.conditions[?(@.type=='Ready')].reason";

  private ApiGroups() {}
}
