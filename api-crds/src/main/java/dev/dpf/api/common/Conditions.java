package dev.dpf.api.common;

/**
 * The DPF condition vocabulary shared by every kind: the summary type and the closed set of reasons
 * (upstream {@code internal/conditions}).
 */
public final class Conditions {

  /** Summary condition type. */
  public static final String READY = "Ready";

  /** Reason of every True condition. */
  public static final String REASON_SUCCESS = "Success";
  /** The resource has not yet reached the expected state. */
  public static final String REASON_PENDING = "Pending";
  /** An error the system can recover from (retried with back-off). */
  public static final String REASON_ERROR = "Error";
  /** A terminal state the system cannot recover from without user action. */
  public static final String REASON_FAILURE = "Failure";
  /** The controller waits for objects to be deleted. */
  public static final String REASON_AWAITING_DELETION = "AwaitingDeletion";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}
}
