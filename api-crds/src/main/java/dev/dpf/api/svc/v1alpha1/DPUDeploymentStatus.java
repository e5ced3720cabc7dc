package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dpf.api.common.DpfStatus;

/** Observed state of a DPUDeployment: conditions ({@link DPUDeployment#CONDITIONS}) and observedGeneration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUDeploymentStatus extends DpfStatus {
}
