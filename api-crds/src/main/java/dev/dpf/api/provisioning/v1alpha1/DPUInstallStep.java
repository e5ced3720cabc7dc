package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Steps of the OS installation of a DPU through DMS (an extension of this implementation). */
public enum DPUInstallStep {
  /** gNMI Set of the DPU mode and OS.Install of the BFB. */
  @JsonProperty("TransferringBFB")
  TRANSFERRING_BFB("TransferringBFB"),
  /** bf.cfg rendered with a fresh join command and sent with OS.Install. */
  @JsonProperty("TransferringBFCFG")
  TRANSFERRING_BF_CFG("TransferringBFCFG"),
  /** Both packages are on DMS; OS.Activate is (about to be) sent. */
  @JsonProperty("Activating")
  ACTIVATING("Activating"),
  /** DMS accepted the activation: it flashes the DPU, which reboots into the new image (RebootStatus active). */
  @JsonProperty("DPURebooting")
  DPU_REBOOTING("DPURebooting"),
  /** The DPU booted the new image; cloud-init is given time to start (CLOUD_INIT_TIMEOUT). */
  @JsonProperty("WaitingForCloudInit")
  WAITING_FOR_CLOUD_INIT("WaitingForCloudInit"),
  /** Done: the DPU runs the new image. */
  @JsonProperty("Installed")
  INSTALLED("Installed");

  private final String value;

  DPUInstallStep(String value) {
    this.value = value;
  }

  /** The string as it appears in the API. */
  public String value() {
    return value;
  }

  /** The constant for an API string, or {@code null} when the string is not one of them. */
  public static DPUInstallStep fromValue(String value) {
    for (DPUInstallStep v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
