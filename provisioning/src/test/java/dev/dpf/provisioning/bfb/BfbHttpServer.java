package dev.dpf.provisioning.bfb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.dpf.testing.Pki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP (and HTTPS, with a certificate nobody trusts) server on loopback that serves generated BFB files:
 * {@code /ok/<file>} the file, {@code /slow/<file>} throttled, {@code /missing/<file>} 404,
 * {@code /truncated/<file>} (own port) announces the full length, sends a fifth and closes the connection, {@code /redirect/<file>} 302 to /ok/.
 */
final class BfbHttpServer implements AutoCloseable {

  private final HttpServer http;
  private final java.net.ServerSocket truncating;
  private final HttpsServer https;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();

  BfbHttpServer() throws Exception {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    http.createContext("/", this::handle);
    http.setExecutor(Executors.newCachedThreadPool());
    http.start();
    truncating = new java.net.ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    Thread raw = new Thread(this::serveTruncated, "truncating-server");
    raw.setDaemon(true);
    raw.start();
    https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    Pki.CertKey ca = Pki.newCa("untrusted-test-ca");
    Pki.CertKey cert = Pki.issue(ca, "CN=localhost", List.of("127.0.0.1", "localhost"), true, Duration.ofDays(1));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", cert.keyPair().getPrivate(), new char[0],
        new java.security.cert.Certificate[] {cert.certificate(), ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, new char[0]);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    https.setHttpsConfigurator(new HttpsConfigurator(ssl));
    https.createContext("/", this::handle);
    https.setExecutor(Executors.newCachedThreadPool());
    https.start();
  }

  /** Registers a file of {@code size} pseudo-random bytes; returns its SHA-256 (hex). */
  String add(String name, int size) throws Exception {
    byte[] data = new byte[size];
    new Random(name.hashCode()).nextBytes(data);
    files.put(name, data);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  String url(String mode, String name) {
    if (mode.equals("truncated")) {
      return "http://127.0.0.1:" + truncating.getLocalPort() + "/truncated/" + name;
    }
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + mode + "/" + name;
  }

  String httpsUrl(String name) {
    return "https://127.0.0.1:" + https.getAddress().getPort() + "/ok/" + name;
  }

  String urlWithCredentials(String mode, String name) {
    return "http://admin:s3cret@127.0.0.1:" + http.getAddress().getPort() + "/" + mode + "/" + name;
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String[] parts = exchange.getRequestURI().getPath().split("/");
    String mode = parts.length > 1 ? parts[1] : "";
    String name = parts.length > 2 ? parts[2] : "";
    byte[] data = files.get(name);
    try (exchange) {
      if (data == null || mode.equals("missing")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      switch (mode) {
        case "redirect" -> {
          exchange.getResponseHeaders().set("Location", "/ok/" + name);
          exchange.sendResponseHeaders(302, -1);
        }
        case "slow" -> {
          exchange.sendResponseHeaders(200, data.length);
          try (OutputStream out = exchange.getResponseBody()) {
            int chunk = Math.max(1, data.length / 20);
            for (int off = 0; off < data.length; off += chunk) {
              out.write(data, off, Math.min(chunk, data.length - off));
              out.flush();
              sleep(150);
            }
          }
        }
        default -> {
          exchange.sendResponseHeaders(200, data.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(data);
          }
        }
      }
    }
  }

  /** Announces the whole file, sends a fifth of it and closes the connection, like a server dying mid-transfer. */
  private void serveTruncated() {
    while (!truncating.isClosed()) {
      try (java.net.Socket socket = truncating.accept()) {
        requests.incrementAndGet();
        java.io.BufferedReader in = new java.io.BufferedReader(
            new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
        String request = in.readLine();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
          // skip headers
        }
        String name = request == null ? "" : request.split(" ")[1].replaceFirst("^/truncated/", "");
        byte[] data = files.getOrDefault(name, new byte[0]);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + data.length + "\r\nConnection: close\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(data, 0, data.length / 5);
        out.flush();
      } catch (IOException e) {
        // closed
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    http.stop(0);
    https.stop(0);
    try {
      truncating.close();
    } catch (IOException e) {
      // ignore
    }
  }
}
