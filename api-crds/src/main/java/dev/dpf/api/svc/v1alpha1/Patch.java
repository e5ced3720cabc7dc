package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** An OVS patch pair between br-sfc and an existing bridge ({@code interfaceType: patch}, later releases). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Patch {

  @Required
  @Size(min = 1)
  @JsonPropertyDescription("PeerBridge is the existing OVS bridge to connect br-sfc to.")
  private String peerBridge;

  @JsonPropertyDescription("PeerPatchName is the name of the patch port on the peer bridge. Generated when unset.")
  private String peerPatchName;

  @Size(max = 64)
  @ValidationRule(value = "!('dpf-id' in self)",
      message = "peerExternalIDs must not contain the reserved key dpf-id")
  @JsonPropertyDescription("PeerExternalIDs are extra external_ids of the peer patch interface. The key dpf-id is "
      + "reserved.")
  private Map<String, String> peerExternalIDs;

  public String getPeerBridge() {
    return peerBridge;
  }

  public void setPeerBridge(String peerBridge) {
    this.peerBridge = peerBridge;
  }

  public String getPeerPatchName() {
    return peerPatchName;
  }

  public void setPeerPatchName(String peerPatchName) {
    this.peerPatchName = peerPatchName;
  }

  public Map<String, String> getPeerExternalIDs() {
    return peerExternalIDs;
  }

  public void setPeerExternalIDs(Map<String, String> peerExternalIDs) {
    this.peerExternalIDs = peerExternalIDs;
  }
}
