package dev.dpf.dms;

import java.util.Optional;

/**
 * Hardware seam: where the DMS of a DPU listens. Production: {@link DmsPodEndpoints} ({@code <DMS pod IP>:9339});
 * tests and the demo: the simulator fleet (dpu-sim), whose DMS servers listen on 127.0.0.1 ports.
 */
public interface DmsEndpoints {

  /** The DMS address of {@code dpu}, or empty while it is not known yet (no DMS pod, no IP, not running). */
  Optional<DmsAddress> address(DpuRef dpu);
}
