package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the API server of a DPUCluster is exposed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterEndpointSpec {

  @JsonPropertyDescription("Keepalived deploys keepalived on control-plane nodes to hold a virtual IP in front of the "
      + "control plane (Kamaji only).")
  private KeepalivedSpec keepalived;

  public KeepalivedSpec getKeepalived() {
    return keepalived;
  }

  public void setKeepalived(KeepalivedSpec keepalived) {
    this.keepalived = keepalived;
  }
}
