package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dpf.api.common.DpfStatus;

/** Observed state of a DPUFlavor: only the common conditions and observedGeneration (not in upstream). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUFlavorStatus extends DpfStatus {}
