package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Desired state of a DPUCluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.kubeconfig) || oldSelf.kubeconfig == '' || has(self.kubeconfig)",
    message = "kubeconfig is immutable", fieldPath = ".kubeconfig")
public class DPUClusterSpec {

  @Required
  @Pattern("kamaji|static|[^/]+/.*")
  @JsonPropertyDescription("Type names the cluster manager responsible for this cluster: static, kamaji, or a "
      + "vendor type with a '/' (e.g. example.com/mytype). The pattern is unanchored, as upstream.")
  private String type;

  @Default("1000")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("MaxNodes is the maximum number of DPUs the allocator assigns to this cluster.")
  private Integer maxNodes;

  @Required
  @JsonPropertyDescription("Version is the Kubernetes version of the control plane, e.g. v1.30.2 (used by the "
      + "Kamaji manager as the TenantControlPlane version).")
  private String version;

  @ValidationRule(value = "oldSelf == '' || self == oldSelf", message = "kubeconfig is immutable")
  @JsonPropertyDescription("Kubeconfig is the name of a Secret in the DPUCluster namespace whose key admin.conf holds "
      + "an admin kubeconfig (exactly one cluster and one user). Set by the user for static clusters, by the manager "
      + "otherwise. Immutable once set.")
  private String kubeconfig;

  @JsonPropertyDescription("ClusterEndpoint describes how the API server is exposed.")
  private ClusterEndpointSpec clusterEndpoint;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public Integer getMaxNodes() {
    return maxNodes;
  }

  public void setMaxNodes(Integer maxNodes) {
    this.maxNodes = maxNodes;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getKubeconfig() {
    return kubeconfig;
  }

  public void setKubeconfig(String kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  public ClusterEndpointSpec getClusterEndpoint() {
    return clusterEndpoint;
  }

  public void setClusterEndpoint(ClusterEndpointSpec clusterEndpoint) {
    this.clusterEndpoint = clusterEndpoint;
  }
}
