package dev.dpf.dms;

/** A {@link HostOps} command could not be run or failed; the message names the command and the cause. */
public class HostOpsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public HostOpsException(String message) {
    super(message);
  }

  public HostOpsException(String message, Throwable cause) {
    super(message, cause);
  }
}
