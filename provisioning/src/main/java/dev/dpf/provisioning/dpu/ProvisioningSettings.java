package dev.dpf.provisioning.dpu;

import java.util.List;

/**
 * The run-time settings the DPU controller takes from the DPFOperatorConfig (reference 1.4: upstream passes them as
 * flags of the provisioning controller). An interface so that the shared settings snapshot of the operator can
 * replace {@link OperatorConfigSettings} later without touching the phases.
 */
public interface ProvisioningSettings {

  /** {@code spec.provisioningController.dmsTimeout} in seconds, or null (DMS default 900). */
  Integer dmsTimeoutSeconds();

  /** {@code spec.provisioningController.bfbPVCName}: the BFB volume mounted into DMS pods at /bfb, or null. */
  String bfbPvcName();

  /** {@code spec.imagePullSecrets}: set on DMS and host network pods. */
  List<String> imagePullSecrets();

  /** {@code spec.networking.highSpeedMTU}, or null (1500). */
  Integer highSpeedMtu();

  /** False while the settings are not loaded yet (informer not synced): callers wait. */
  default boolean ready() {
    return true;
  }

  /** Names the source in messages, e.g. {@code DPFOperatorConfig dpf-operator-system/dpfoperatorconfig}. */
  String describe();

  /** Fixed values (tests, tools). */
  static ProvisioningSettings of(Integer dmsTimeoutSeconds, String bfbPvcName, List<String> imagePullSecrets,
      Integer highSpeedMtu) {
    return new ProvisioningSettings() {
      @Override
      public Integer dmsTimeoutSeconds() {
        return dmsTimeoutSeconds;
      }

      @Override
      public String bfbPvcName() {
        return bfbPvcName;
      }

      @Override
      public List<String> imagePullSecrets() {
        return imagePullSecrets == null ? List.of() : imagePullSecrets;
      }

      @Override
      public Integer highSpeedMtu() {
        return highSpeedMtu;
      }

      @Override
      public String describe() {
        return "fixed provisioning settings";
      }
    };
  }
}
