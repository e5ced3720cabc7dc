package dev.dpf.servicechain.mirror;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Some DPU clusters could not be brought in line. Carries the status computed for the failed reconcile (with the
 * {@code <X>Reconciled=False/Error} condition) so that {@code updateErrorStatus} writes it while JOSDK retries with
 * back-off.
 */
public class MirrorSyncException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient JsonNode before;
  private final transient Object status;

  public MirrorSyncException(String message, JsonNode before, Object status) {
    super(message);
    this.before = before;
    this.status = status;
  }

  /** The MirrorSyncException in {@code e}'s cause chain (JOSDK wraps what a reconciler throws), or null. */
  public static MirrorSyncException find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MirrorSyncException m) {
        return m;
      }
    }
    return null;
  }

  public JsonNode before() {
    return before;
  }

  public Object status() {
    return status;
  }
}
