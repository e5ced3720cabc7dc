package dev.dpf.api.provisioning.v1alpha1;

import static dev.dpf.api.common.ApiGroups.READY_STATUS_PATH;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.ApiGroups;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.Annotations;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * One BlueField device in one host; drives its provisioning lifecycle (flash, reboot, host network, joining the DPU
 * cluster). Normally created by a DPUSet.
 */
@Group(ApiGroups.PROVISIONING)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPU")
@Plural("dpus")
@Singular("dpu")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Operational",
    jsonPath = ".status.operationalConditions[?(@.type=='OperationalReady')].status",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Node", jsonPath = ".spec.nodeName", type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPU extends CustomResource<DPUSpec, DPUStatus> implements Namespaced {

  /** Finalizer removed once every object the DPU created is gone (reference 9.14). */
  public static final String FINALIZER = "provisioning.dpu.nvidia.com/dpu-protection";

  // ---- condition types (v24.10, upstream order)
  public static final String CONDITION_INITIALIZED = "Initialized";
  public static final String CONDITION_NODE_EFFECT_READY = "NodeEffectReady";
  public static final String CONDITION_BFB_READY = "BFBReady";
  public static final String CONDITION_DMS_RUNNING = "DMSRunning";
  public static final String CONDITION_OS_INSTALLED = "OSInstalled";
  public static final String CONDITION_REBOOTED = "Rebooted";
  public static final String CONDITION_HOST_NETWORK_READY = "HostNetworkReady";
  public static final String CONDITION_READY = "Ready";
  public static final List<String> CONDITIONS = List.of(CONDITION_INITIALIZED, CONDITION_NODE_EFFECT_READY,
      CONDITION_BFB_READY, CONDITION_DMS_RUNNING, CONDITION_OS_INSTALLED, CONDITION_REBOOTED,
      CONDITION_HOST_NETWORK_READY, CONDITION_READY);
  /**
   * Written by the node agent in host mode (field manager {@code dpu-agent}, which owns only this condition): True
   * once the DPU's VFs exist and VF0 is attached to the host bridge with the high-speed MTU. Not an upstream v24.10
   * type (upstream reads the host network pod's readiness instead); the DPU controller waits for it in phase
   * {@code Host Network Configuration}.
   */
  public static final String CONDITION_HOST_NETWORK_CONFIGURED = "HostNetworkConfigured";
  /** Later releases: the summary of {@code status.operationalConditions}. */
  public static final String OPERATIONAL_CONDITION_READY = "OperationalReady";

  // ---- condition reasons (v24.10; a True condition's reason is its type unless stated)
  public static final String REASON_DPU_OOB_BRIDGE_NOT_CONFIGURED = "DPUOOBBridgeNotConfigured";
  public static final String MESSAGE_DPU_OOB_BRIDGE_NOT_CONFIGURED = "DPU OOB bridge is not configured";
  public static final String REASON_DPU_CLUSTER_NOT_READY = "DPUClusterNotReady";
  /** Upstream spelling (sic). */
  public static final String REASON_ERROR_OCCURED = "ErrorOccured";
  public static final String REASON_GET_BFB_FAILED = "GetBFBFailed";
  public static final String REASON_EXISTING_RSHIM_INSTALL_DETECTED = "ExistingRshimInstallDetected";
  public static final String REASON_DMS_POD_FAILED = "DMSPodFailed";
  public static final String MESSAGE_DMS_POD_FAILED = "DMS Pod Failed";
  public static final String REASON_DMS_POD_TIMEDOUT = "DMSPodTimedout";
  public static final String MESSAGE_DMS_POD_TIMEDOUT = "DMS Pod didn't run and timed out";
  public static final String MESSAGE_DPU_IS_REBOOTING = "DPU is rebooting";
  public static final String REASON_INSTALLATION_FAILED = "InstallationFailed";
  public static final String REASON_INVALID_STATE = "InvalidState";
  public static final String MESSAGE_INVALID_STATE = "trying to reboot the host before OSInstalled";
  public static final String REASON_WAITING_FOR_MANUAL_POWER_CYCLE_OR_REBOOT = "WaitingForManualPowerCycleOrReboot";
  public static final String MESSAGE_WAITING_FOR_DPU_JOINING_CLUSTER = "waiting for dpu joining cluster";
  public static final String REASON_INITIALIZING = "Initializing";
  public static final String REASON_INITIALIZATION_FAILED = "InitializationFailed";
  public static final String MESSAGE_CLUSTER_CONFIGURED = "cluster configured";
  public static final String REASON_DPU_NODE_READY = "DPUNodeReady";
  public static final String REASON_DPU_NODE_NOT_READY = "DPUNodeNotReady";
  public static final String REASON_NODE_EFFECT_ERROR = "NodeEffectError";
  public static final String REASON_DPU_GET_ERROR = "DPUGetError";
  public static final String REASON_DPU_CLUSTER_CLIENT_GET_ERROR = "DPUClusterClientGetError";
  public static final String REASON_DPU_NODE_GET_ERROR = "DPUNodeGetError";

  @Override
  @JsonPropertyDescription("DPUSpec describes the DPU, the software to install and the cluster it joins.")
  public DPUSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @Default("{\"phase\":\"Initializing\"}")
  @JsonPropertyDescription("DPUStatus is the observed provisioning state of the DPU.")
  public DPUStatus getStatus() {
    return super.getStatus();
  }

  /** The current phase; an absent phase counts as {@code Initializing} (the schema default). */
  public DPUPhase effectivePhase() {
    DPUStatus status = getStatus();
    return status != null && status.getPhase() != null ? status.getPhase() : DPUPhase.INITIALIZING;
  }

  /**
   * May the controller reboot the host without an operator? True when {@code spec.automaticNodeReboot} is true or
   * absent (schema default true), or the drain node effect allows it (reference 9.10).
   */
  public boolean automaticNodeRebootAllowed() {
    DPUSpec spec = getSpec();
    if (spec == null) {
      return true;
    }
    if (spec.getNodeEffect() != null && spec.getNodeEffect().drainAutomaticNodeReboot()) {
      return true;
    }
    return spec.getAutomaticNodeReboot() == null || spec.getAutomaticNodeReboot();
  }

  /** The PCI address label value ({@code 0000-4b-00}) set by the DPUSet controller, or null. */
  public String pciAddressLabel() {
    return getMetadata().getLabels() == null ? null : getMetadata().getLabels().get(ProvisioningLabels.DPU_PCI_ADDRESS);
  }
}
