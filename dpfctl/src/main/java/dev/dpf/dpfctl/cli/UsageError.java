package dev.dpf.dpfctl.cli;

/** An error in what the user asked for, printed as {@code Error: <message>}. */
public final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageError(String message) {
    super(message);
  }
}
