package dev.dpf.agent.host;

/**
 * A host network step that failed or cannot proceed yet (missing PCI device, bridge, VF, failed {@code ip} command).
 * The message is what the DPU's {@code HostNetworkConfigured} condition and the Warning event show: it names the
 * object (device, file, interface) and what is wrong, and never carries credentials.
 */
public class HostNetworkException extends Exception {

  public HostNetworkException(String message) {
    super(message);
  }

  public HostNetworkException(String message, Throwable cause) {
    super(message, cause);
  }
}
