package dev.dpf.provisioning.nodeeffect;

/**
 * A node effect could not be applied or released. {@link #reason()} is the DPU condition reason to report
 * ({@value NodeEffects#REASON_ERROR_OCCURED} for API failures, {@value NodeEffects#REASON_INVALID_NODE_EFFECT} for a
 * node effect this release cannot carry out). {@link #terminal()} failures do not heal by retrying; the others do.
 * Messages never contain credentials.
 */
public class NodeEffectException extends RuntimeException {

  private final String reason;
  private final boolean terminal;

  public NodeEffectException(String reason, String message, boolean terminal, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.terminal = terminal;
  }

  public String reason() {
    return reason;
  }

  public boolean terminal() {
    return terminal;
  }
}
