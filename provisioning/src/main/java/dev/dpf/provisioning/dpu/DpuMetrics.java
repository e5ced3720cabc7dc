package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Prometheus metrics of the DPU controller (on the operator's {@code /metrics}):
 * <ul>
 *   <li>{@code dpf_dpu_phase_transitions_total{phase}}: DPUs that entered each phase (written to the API server);
 *   <li>{@code dpf_dpu_installations_total{result}}: OS installation attempts through DMS that ended
 *       ({@code success}, {@code retry}: failed and will be tried again, {@code failure}: gave up, DPU in Error);
 *   <li>{@code dpf_dpu_installed_bytes_total}: BFB bytes streamed to DMS by finished transfers;
 *   <li>{@code dpf_dpu_provisioning_seconds}: from the DPU's creation to {@code Ready} at the end of the
 *       provisioning flow (count, sum, max; a retried DPU counts again, from its creation).
 * </ul>
 */
final class DpuMetrics {

  private final Map<DPUPhase, Counter> transitions = new EnumMap<>(DPUPhase.class);
  private final Counter installSuccess;
  private final Counter installRetry;
  private final Counter installFailure;
  private final Counter installedBytes;
  private final Timer provisioning;

  DpuMetrics(MeterRegistry meters) {
    for (DPUPhase phase : DPUPhase.values()) {
      transitions.put(phase, Counter.builder("dpf_dpu_phase_transitions").tag("phase", phase.value())
          .description("DPUs that entered the phase").register(meters));
    }
    installSuccess = installations(meters, "success");
    installRetry = installations(meters, "retry");
    installFailure = installations(meters, "failure");
    installedBytes = Counter.builder("dpf_dpu_installed_bytes").baseUnit("bytes")
        .description("BFB bytes streamed to DMS by finished transfers").register(meters);
    provisioning = Timer.builder("dpf_dpu_provisioning")
        .description("Time from the creation of a DPU to Ready at the end of provisioning").register(meters);
  }

  private static Counter installations(MeterRegistry meters, String result) {
    return Counter.builder("dpf_dpu_installations").tag("result", result)
        .description("OS installation attempts through DMS that ended").register(meters);
  }

  void entered(DPUPhase phase) {
    transitions.get(phase).increment();
  }

  void installSucceeded() {
    installSuccess.increment();
  }

  void installFailed(boolean willRetry) {
    (willRetry ? installRetry : installFailure).increment();
  }

  void transferred(long bytes) {
    installedBytes.increment(bytes);
  }

  void provisioned(Duration sinceCreation) {
    if (!sinceCreation.isNegative()) {
      provisioning.record(sinceCreation);
    }
  }
}
