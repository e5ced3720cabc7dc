package dev.dpf.dpfctl.source;

import dev.dpf.api.DpfKinds;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequest;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAM;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.util.List;
import java.util.Optional;

/** Every kind dpfctl reads, all in the host cluster, read-only (list). */
public final class Kinds {

  public static final ResourceKind DPF_OPERATOR_CONFIG = of(DPFOperatorConfig.class);
  public static final ResourceKind DPU_CLUSTER = of(DPUCluster.class);
  public static final ResourceKind BFB_KIND = of(BFB.class);
  public static final ResourceKind DPU_SET = of(DPUSet.class);
  public static final ResourceKind DPU_KIND = of(DPU.class);
  public static final ResourceKind DPU_FLAVOR = of(DPUFlavor.class);
  public static final ResourceKind DPU_SERVICE = of(DPUService.class);
  public static final ResourceKind DPU_SERVICE_CREDENTIAL_REQUEST = of(DPUServiceCredentialRequest.class);
  public static final ResourceKind DPU_DEPLOYMENT = of(DPUDeployment.class);
  public static final ResourceKind DPU_SERVICE_TEMPLATE = of(DPUServiceTemplate.class);
  public static final ResourceKind DPU_SERVICE_CONFIGURATION = of(DPUServiceConfiguration.class);
  public static final ResourceKind DPU_SERVICE_CHAIN = of(DPUServiceChain.class);
  public static final ResourceKind DPU_SERVICE_INTERFACE = of(DPUServiceInterface.class);
  public static final ResourceKind DPU_SERVICE_IPAM = of(DPUServiceIPAM.class);
  /** Argo CD Application: read untyped; it has no metav1 conditions, dpfctl synthesises them. */
  public static final ResourceKind APPLICATION =
      new ResourceKind("argoproj.io", "v1alpha1", "Application", "applications", true);
  /** Kamaji TenantControlPlane: the control plane of a {@code kamaji} DPUCluster. */
  public static final ResourceKind TENANT_CONTROL_PLANE =
      new ResourceKind("kamaji.clastix.io", "v1alpha1", "TenantControlPlane", "tenantcontrolplanes", true);
  /** Host Nodes, read by {@code dpfctl why} to tell a DPU's host being down. */
  public static final ResourceKind NODE = new ResourceKind("", "v1", "Node", "nodes", false);

  /** All of them, in the order of the RBAC rules in the user guide. */
  public static final List<ResourceKind> ALL = List.of(DPF_OPERATOR_CONFIG, DPU_CLUSTER, BFB_KIND, DPU_SET, DPU_KIND,
      DPU_FLAVOR, DPU_SERVICE, DPU_SERVICE_CREDENTIAL_REQUEST, DPU_DEPLOYMENT, DPU_SERVICE_TEMPLATE,
      DPU_SERVICE_CONFIGURATION, DPU_SERVICE_CHAIN, DPU_SERVICE_INTERFACE, DPU_SERVICE_IPAM, APPLICATION,
      TENANT_CONTROL_PLANE, NODE);

  private Kinds() {}

  private static ResourceKind of(Class<? extends HasMetadata> type) {
    if (DpfKinds.ALL.stream().noneMatch(type::equals)) {
      throw new IllegalArgumentException(type + " is not a DPF kind");
    }
    return new ResourceKind(HasMetadata.getGroup(type), HasMetadata.getVersion(type), HasMetadata.getKind(type),
        HasMetadata.getPlural(type), Namespaced.class.isAssignableFrom(type));
  }

  /** The kind whose name matches {@code name} case-insensitively, singular or plural. */
  public static Optional<ResourceKind> find(String name) {
    return ALL.stream().filter(k -> Plurals.sameKind(k.kind(), name)).findFirst();
  }
}
