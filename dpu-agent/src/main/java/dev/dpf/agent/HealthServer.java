package dev.dpf.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** {@code /healthz} and {@code /readyz} of the agent (JDK HTTP server): 200 "ok", or 503 with the reason. */
final class HealthServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * @param liveness null when alive, else the reason
   * @param readiness null when ready, else the reason
   */
  HealthServer(String bindAddress, Supplier<String> liveness, Supplier<String> readiness) {
    try {
      server = HttpServer.create(address(bindAddress), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + bindAddress, e);
    }
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "health-" + bindAddress);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/healthz", exchange -> probe(exchange, liveness));
    server.createContext("/readyz", exchange -> probe(exchange, readiness));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code :8081}, {@code 127.0.0.1:0}, {@code 8081}. */
  static InetSocketAddress address(String bind) {
    String host = "0.0.0.0";
    String port = bind;
    int colon = bind.lastIndexOf(':');
    if (colon >= 0) {
      host = colon == 0 ? "0.0.0.0" : bind.substring(0, colon);
      port = bind.substring(colon + 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(port));
  }

  private static void probe(HttpExchange exchange, Supplier<String> check) throws IOException {
    String failure;
    try {
      failure = check.get();
    } catch (RuntimeException e) {
      failure = e.toString();
    }
    byte[] body = (failure == null ? "ok" : failure).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(failure == null ? 200 : 503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
