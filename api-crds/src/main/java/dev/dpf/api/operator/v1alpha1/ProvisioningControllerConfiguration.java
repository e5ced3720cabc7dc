package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;

/** The provisioning controller (host Deployment). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProvisioningControllerConfiguration extends ImageComponentConfiguration {

  @Size(min = 1)
  @JsonPropertyDescription("BFBPVCName is the PersistentVolumeClaim holding the BFB files (--bfb-pvc and the "
      + "bfb-volume claim). Required in v24.10; optional in later releases (host storage is used when unset).")
  private String bfbPVCName;

  @Min(1)
  @JsonPropertyDescription("DMSTimeout is the time in seconds a DMS API call may take (--dms-timeout).")
  private Integer dmsTimeout;

  public String getBfbPVCName() {
    return bfbPVCName;
  }

  public void setBfbPVCName(String bfbPVCName) {
    this.bfbPVCName = bfbPVCName;
  }

  public Integer getDmsTimeout() {
    return dmsTimeout;
  }

  public void setDmsTimeout(Integer dmsTimeout) {
    this.dmsTimeout = dmsTimeout;
  }
}
