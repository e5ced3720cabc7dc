package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import java.time.Duration;

/**
 * What a phase decided: the next phase (or the same), when to look again, and whether the pass failed (the reconciler
 * then reschedules with exponential back-off instead of {@code requeue}).
 *
 * @param next the phase to go to, or null to stay
 * @param requeue when to reconcile again without an event, or null to wait for an event (plus the drift net)
 * @param failed a recoverable failure: retry with back-off
 */
record Step(DPUPhase next, Duration requeue, boolean failed) {

  /** Short delay before the next phase runs, so that it sees the status just written. */
  static final Duration NEXT_PHASE = Duration.ofMillis(100);

  /** Wait for an event (a watched object changes, a background task reports). */
  static Step waitForEvent() {
    return new Step(null, null, false);
  }

  /** Stay and look again after {@code delay} (something that emits no event). */
  static Step recheckAfter(Duration delay) {
    return new Step(null, delay.isNegative() || delay.isZero() ? NEXT_PHASE : delay, false);
  }

  /** Stay in the phase and run it again shortly (e.g. after writing the spec). */
  static Step again() {
    return new Step(null, NEXT_PHASE, false);
  }

  /** Go to {@code phase}. */
  static Step next(DPUPhase phase) {
    return new Step(phase, NEXT_PHASE, false);
  }

  /** A recoverable failure (condition and event already recorded): retry with back-off. */
  static Step retry() {
    return new Step(null, null, true);
  }
}
