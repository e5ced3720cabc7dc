package dev.dpf.demo;

/** API versions of the kinds the demo reads and writes generically. */
final class ApiVersions {

  static final String PROVISIONING = "provisioning.dpu.nvidia.com/v1alpha1";
  static final String SVC = "svc.dpu.nvidia.com/v1alpha1";
  static final String OPERATOR = "operator.dpu.nvidia.com/v1alpha1";
  static final String NVIPAM = "nv-ipam.nvidia.com/v1alpha1";
  static final String ARGOCD = "argoproj.io/v1alpha1";

  private ApiVersions() {}
}
