package dev.dpf.provisioning.dpucluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder in front of an API server, so a test can make the server unreachable ({@link #stop}) and
 * reachable again ({@link #start}, same port) without touching the server. TLS passes through unchanged.
 */
final class TcpForwarder implements AutoCloseable {

  private final int targetPort;
  private volatile int port;
  private volatile ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  TcpForwarder(int targetPort) {
    this.targetPort = targetPort;
  }

  int port() {
    return port;
  }

  synchronized TcpForwarder start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    port = socket.getLocalPort();
    server = socket;
    Thread accept = new Thread(() -> accept(socket), "tcp-forwarder-" + port);
    accept.setDaemon(true);
    accept.start();
    return this;
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // connection closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-forwarder-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Closes the listening socket and every forwarded connection: clients get "connection refused". */
  synchronized void stop() {
    closeQuietly(server);
    sockets.forEach(TcpForwarder::closeQuietly);
    sockets.clear();
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (IOException e) {
      // ignore
    }
  }

  @Override
  public void close() {
    stop();
  }
}
