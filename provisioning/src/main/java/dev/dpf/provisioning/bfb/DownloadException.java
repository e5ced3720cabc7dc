package dev.dpf.provisioning.bfb;

/** A download failed; the message is fit for status and events (URLs redacted). */
public class DownloadException extends Exception {

  private static final long serialVersionUID = 1L;

  public DownloadException(String message) {
    super(message);
  }

  public DownloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
