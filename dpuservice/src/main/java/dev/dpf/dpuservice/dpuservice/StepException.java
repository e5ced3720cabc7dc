package dev.dpf.dpuservice.dpuservice;

/**
 * A reconcile step failed. The message is complete condition text (no secrets). {@code retry} asks for a retry with
 * back-off (API failures); without it the controller waits for the next event (e.g. a missing DPUServiceInterface,
 * which is watched).
 */
final class StepException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean retry;

  StepException(String message, boolean retry) {
    super(message);
    this.retry = retry;
  }

  StepException(String message, boolean retry, Throwable cause) {
    super(message, cause);
    this.retry = retry;
  }

  boolean retry() {
    return retry;
  }

  /** Go's {@code kerrors.NewAggregate} text: the single message, or {@code [a, b]}. */
  static String aggregate(java.util.List<String> errors) {
    return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
  }
}
