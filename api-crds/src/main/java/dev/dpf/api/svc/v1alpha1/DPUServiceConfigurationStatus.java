package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dpf.api.common.DpfStatus;

/**
 * Observed state of a DPUServiceConfiguration: always empty upstream; here it carries the common conditions and
 * observedGeneration so every kind has the same status shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceConfigurationStatus extends DpfStatus {
}
