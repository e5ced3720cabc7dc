package dev.dpf.dms;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a DPU's DOCA Management Service listens: a host (IP address or name) and a port. In DPF v24.10 this is
 * {@code <DMS pod IP>:9339}; the client verifies the server certificate against {@link #host()} (an IP address
 * must be an IP SAN of the DMS server certificate).
 */
public record DmsAddress(String host, int port) {

  /** The port {@code dmsd} binds ({@code -bind_address 0.0.0.0:9339}). */
  public static final int DEFAULT_PORT = 9339;

  public DmsAddress {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("DMS host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("DMS port out of range: " + port);
    }
  }

  /** {@code host} on the default DMS port. */
  public static DmsAddress of(String host) {
    return new DmsAddress(host, DEFAULT_PORT);
  }

  /**
   * Plain TCP reachability check, as DPF's "DMS Deployment" readiness gate does (connect, then close). Blocks for at
   * most {@code timeout}; call it from a background task, not a reconcile thread.
   */
  public boolean acceptsConnections(Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code host:port}, with brackets around IPv6 literals. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
