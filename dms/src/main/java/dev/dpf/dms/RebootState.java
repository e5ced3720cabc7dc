package dev.dpf.dms;

/**
 * One System.RebootStatus answer for the DPU's CPU subcomponent.
 *
 * @param active true while DMS is still pushing the image / the DPU is rebooting
 * @param outcome how it ended, when not active
 * @param reason the server's human-readable cause ({@code reason}, what DPF quotes)
 * @param message {@code status.message}
 */
public record RebootState(boolean active, Outcome outcome, String reason, String message) {

  /** {@code RebootStatus.Status}, plus IN_PROGRESS while active. */
  public enum Outcome {
    IN_PROGRESS,
    SUCCESS,
    RETRIABLE_FAILURE,
    FAILURE,
    /** {@code STATUS_UNKNOWN} or an unset status while not active. */
    UNKNOWN,
  }
}
