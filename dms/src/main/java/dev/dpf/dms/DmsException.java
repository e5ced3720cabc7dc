package dev.dpf.dms;

/**
 * A DMS operation failed. The message is meant for a condition message or an event: it names the operation, the
 * DMS address and the cause, and never contains key material. {@link #reason()} tells the kind of failure.
 */
public class DmsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Kinds of failure. */
  public enum Reason {
    /** Nothing accepted the connection (refused, no route, unknown host) or the connection broke. */
    UNREACHABLE,
    /** The TLS handshake failed: server certificate not signed by the CA or not for the dialled address, or the
     * server refused the client certificate. */
    TLS,
    /** The client TLS material (certificate, key, CA) is missing or unreadable. */
    TLS_MATERIAL,
    /** A deadline passed (the server did not answer in time). */
    TIMEOUT,
    /** The server answered with a gRPC error status. */
    REJECTED,
    /** OS.Install ended with an {@code install_error} (see the message for the gNOI error type and detail). */
    INSTALL_ERROR,
    /** OS.Activate answered {@code activate_error}. */
    ACTIVATE_ERROR,
    /** RebootStatus reported a failed reboot/installation ({@code STATUS_FAILURE}, {@code STATUS_RETRIABLE_FAILURE},
     * {@code STATUS_UNKNOWN}). */
    REBOOT_FAILED,
    /** The server broke the protocol (unexpected message, stream ended early, version mismatch). */
    PROTOCOL,
    /** The call was cancelled locally (thread interrupted or client closed). */
    CANCELLED,
    /** The local file to install could not be read. */
    LOCAL_IO,
  }

  private final Reason reason;

  public DmsException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public DmsException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
