package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dpf.api.common.DpfStatus;

/**
 * Observed state of a ServiceInterface (empty in v24.10; later releases: conditions Ready and
 * ServiceInterfaceReconciled, observedGeneration).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceInterfaceStatus extends DpfStatus {
}
