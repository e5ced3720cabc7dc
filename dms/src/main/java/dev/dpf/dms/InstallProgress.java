package dev.dpf.dms;

/**
 * Progress of an OS.Install, reported whenever the server sends {@code transfer_progress}.
 *
 * @param version the version string being installed
 * @param bytesSent bytes handed to the transport so far
 * @param bytesReceived bytes the server says it has received ({@code TransferProgress.bytes_received})
 * @param totalBytes size of the package
 */
public record InstallProgress(String version, long bytesSent, long bytesReceived, long totalBytes) {

  /** Server-acknowledged share of the package, 0..100. */
  public int percent() {
    return totalBytes <= 0 ? 100 : (int) Math.min(100, bytesReceived * 100 / totalBytes);
  }
}
