package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dpf.api.common.DpfStatus;

/**
 * Observed state of a ServiceChain (empty in v24.10; later releases: conditions Ready and ServiceChainReconciled,
 * observedGeneration).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceChainStatus extends DpfStatus {
}
