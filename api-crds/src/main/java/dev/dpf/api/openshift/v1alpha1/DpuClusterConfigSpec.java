package dev.dpf.api.openshift.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Which infra-cluster nodes are BlueField DPUs and how to reach the tenant cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DpuClusterConfigSpec {

  @JsonPropertyDescription("KubeConfigFile is the name of a Secret in the same namespace whose key 'config' holds "
      + "the tenant cluster kubeconfig. Nothing beyond the MachineConfigPool happens without it.")
  private String kubeConfigFile;

  @Required
  @Size(max = 253)
  @ValidationRule(value = "self != 'master' && self != 'worker'", message = "poolName must not be master or worker")
  @JsonPropertyDescription("PoolName is the MachineConfigPool containing the BlueField nodes of the infra cluster; "
      + "must not be master or worker. Empty means the reconcile does nothing.")
  private String poolName;

  @JsonPropertyDescription("NodeSelector is copied to the MachineConfigPool spec.nodeSelector.")
  private LabelSelector nodeSelector;

  public String getKubeConfigFile() {
    return kubeConfigFile;
  }

  public void setKubeConfigFile(String kubeConfigFile) {
    this.kubeConfigFile = kubeConfigFile;
  }

  public String getPoolName() {
    return poolName;
  }

  public void setPoolName(String poolName) {
    this.poolName = poolName;
  }

  public LabelSelector getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(LabelSelector nodeSelector) {
    this.nodeSelector = nodeSelector;
  }
}
