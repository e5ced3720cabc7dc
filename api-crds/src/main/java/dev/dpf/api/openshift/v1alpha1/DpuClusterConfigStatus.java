package dev.dpf.api.openshift.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dpf.api.common.DpfStatus;

/** Observed state of a DpuClusterConfig: conditions McpReady, TenantObjsSynced, OvnKubeReady. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DpuClusterConfigStatus extends DpfStatus {
}
