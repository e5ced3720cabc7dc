package dev.dpf.api.svc.v1alpha1;

/**
 * Label, annotation and taint keys of the DPUService family (reference dpuservice.md §9), with small helpers for the
 * keys and values that embed names. Finalizers, field owners and condition types live on the kind classes.
 */
public final class ServiceLabels {

  // --- ArgoCD ---------------------------------------------------------------------------------------------------
  /** Finalizer on ArgoCD Applications: ArgoCD cascade-deletes the deployed resources. */
  public static final String ARGOCD_RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
  /** On ArgoCD cluster / repository Secrets. */
  public static final String ARGOCD_SECRET_TYPE = "argocd.argoproj.io/secret-type";
  public static final String ARGOCD_SECRET_TYPE_CLUSTER = "cluster";
  public static final String ARGOCD_SECRET_TYPE_REPOSITORY = "repository";
  /** Annotation on an Application: {@code "true"} while the DPUService is paused. */
  public static final String ARGOCD_SKIP_RECONCILE = "argocd.argoproj.io/skip-reconcile";

  // --- DPUService controller --------------------------------------------------------------------------------------
  /** On Applications and config-port Service/EndpointSlice/Endpoints: the DPUService name. */
  public static final String DPUSERVICE_NAME = "dpu.nvidia.com/dpuservice-name";
  /** On Applications and config-port Service/EndpointSlice/Endpoints: the DPUService namespace. */
  public static final String DPUSERVICE_NAMESPACE = "dpu.nvidia.com/dpuservice-namespace";
  /** On Applications and ArgoCD cluster Secrets: the DPUCluster name (or {@code in-cluster}). */
  public static final String CLUSTER = "dpu.nvidia.com/cluster";
  /** On Applications (not in-cluster) and cluster Secrets (later): the DPUCluster namespace. */
  public static final String CLUSTER_NAMESPACE = "dpu.nvidia.com/cluster-namespace";
  /**
   * On Applications, AppProjects and v24.10 cluster Secrets: {@link #COMPONENT_DPUSERVICE_MANAGER}. On a DPUService it
   * marks a DPF system component (values go under {@code global.serviceDaemonSet}).
   */
  public static final String COMPONENT = "dpu.nvidia.com/component";
  public static final String COMPONENT_DPUSERVICE_MANAGER = "dpuservice-manager";
  /** Key presence on a Secret: mirror it into every DPU cluster. */
  public static final String IMAGE_PULL_SECRET = "dpu.nvidia.com/image-pull-secret";
  /** Pod label (via serviceDaemonSet.labels) and ServiceInterface template label: the service ID. */
  public static final String SERVICE = "svc.dpu.nvidia.com/service";
  /** ServiceInterface template label and chain port selector: the interface name. */
  public static final String INTERFACE = "svc.dpu.nvidia.com/interface";
  /** Annotation on a DPUServiceInterface: the name of the DPUService using it. */
  public static final String CONSUMED_BY = "dpu.nvidia.com/consumed-by";
  /** Key presence on a DPUService marks it critical (dpu-ready taint). */
  public static final String CRITICAL = "svc.dpu.nvidia.com/critical";
  /** Taint key on host Nodes whose critical DPU services are not ready (effect NoSchedule; latest also NoExecute). */
  public static final String DPU_READY_TAINT = "dpu.nvidia.com/dpu-ready";
  /** On host config-port Service/EndpointSlice/Endpoints: the DPUCluster name. */
  public static final String EXPOSED_PORT_FOR_DPUCLUSTER = "dpu.nvidia.com/exposed-port-for-dpucluster";
  /** On namespaces created in DPU clusters (latest): the namespace name. */
  public static final String SVC_DPUSERVICE_NAMESPACE = "svc.dpu.nvidia.com/dpuservice-namespace";
  /** On prerequisite objects in DPU clusters (latest): {@code "true"}. */
  public static final String DPUSERVICE_PREREQ = "svc.dpu.nvidia.com/dpuservice-prereq";
  /** Multus network selection annotation in serviceDaemonSet.annotations. */
  public static final String MULTUS_NETWORKS = "k8s.v1.cni.cncf.io/networks";
  /** Value of {@code endpointslice.kubernetes.io/managed-by} on config-port EndpointSlices. */
  public static final String ENDPOINTSLICE_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";

  // --- DPUServiceCredentialRequest controller (latest) ----------------------------------------------------------
  public static final String MANAGED_BY_CONTROLLER = "svc.dpu.nvidia.com/managed-by-controller";
  public static final String CREDENTIAL_REQUEST_NAME = "svc.dpu.nvidia.com/credential-request-name";
  public static final String CREDENTIAL_REQUEST_NAMESPACE = "svc.dpu.nvidia.com/credential-request-namespace";

  // --- DPUDeployment controller ---------------------------------------------------------------------------------
  /** On generated DPUSets, DPUServices, DPUServiceInterfaces, DPUServiceChains and DPU node labels. */
  public static final String OWNED_BY_DPUDEPLOYMENT = "svc.dpu.nvidia.com/owned-by-dpudeployment";
  /** On dependencies (v24.10 only): the DPUDeployment name. */
  public static final String CONSUMED_BY_DPUDEPLOYMENT_NAME = "dpu.nvidia.com/consumed-by-dpudeployment-name";
  /** Prefix of the per-DPUDeployment dependency label (v25.1+): {@code <prefix><digest10>}, value "". */
  public static final String CONSUMED_BY_DPUDEPLOYMENT_PREFIX = "svc.dpu.nvidia.com/consumed-by-dpudeployment-";
  /** DPU node label / DPUServiceChain node selector: the chain version. */
  public static final String DPUSERVICECHAIN_VERSION = "svc.dpu.nvidia.com/dpuservicechain-version";
  /** Prefix of the host node version label of in-cluster services (latest): {@code <prefix><digest10>}. */
  public static final String DPUSERVICE_IN_CLUSTER_VERSION_PREFIX = "svc.dpu.nvidia.com/dpuservice-in-cluster-version-";
  /** Annotation on generated DPUServices (v24.10): {@code placeholder-for-version}. */
  public static final String LEGACY_DPUSERVICE_VERSION = "dpuservice.nvidia.com/version";
  /** Annotation on generated DPUServiceChains (v24.10): {@code placeholder-for-version}. */
  public static final String LEGACY_DPUSERVICECHAIN_VERSION = "dpuservicechain.nvidia.com/version";
  /** Annotation on generated DPUServices and DPUServiceInterfaces (v25.x+): the version digest. */
  public static final String DPUSERVICE_VERSION = "svc.dpu.nvidia.com/dpuservice-version";
  /** Label on generated DPUServices and in serviceDaemonSet.labels (latest): the service key. */
  public static final String DPUDEPLOYMENT_SERVICE = "svc.dpu.nvidia.com/dpudeployment-service";
  /** Annotation on a DPUServiceConfiguration (v25.x+): templating delimiters {@code <open>,<close>}. */
  public static final String TEMPLATE_DELIMITER = "svc.dpu.nvidia.com/template-delimiter";
  /** Pod label allowed in DPUServiceConfiguration serviceDaemonSet.labels despite the reserved domain (later). */
  public static final String CUSTOM_FLOWS = "svc.dpu.nvidia.com/custom-flows";

  /** DPU node label / node selector key of a service's version: {@code svc.dpu.nvidia.com/dpuservice-<service>-version}. */
  public static String dpuServiceVersionLabel(String service) {
    return "svc.dpu.nvidia.com/dpuservice-" + service + "-version";
  }

  /** Dependency label key for a DPUDeployment digest (v25.1+). */
  public static String consumedByDpuDeploymentLabel(String digest10) {
    return CONSUMED_BY_DPUDEPLOYMENT_PREFIX + digest10;
  }

  /** Host node version label key of an in-cluster service (latest). */
  public static String dpuServiceInClusterVersionLabel(String digest10) {
    return DPUSERVICE_IN_CLUSTER_VERSION_PREFIX + digest10;
  }

  private ServiceLabels() {}
}
