package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPUPhase;

/** One phase of the DPU state machine (reference 9.2-9.14): reads the DPU and the world, updates the status. */
interface Phase {

  /** The phase this handler runs in. */
  DPUPhase phase();

  /** Handles one pass; the status to write is {@code pass.status()}. */
  Step handle(DpuPass pass);
}
