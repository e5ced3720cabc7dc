package dev.dpf.common.runtime;

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

/**
 * A small HTTP server (JDK built-in) for {@code /healthz}, {@code /readyz} and {@code /metrics}, used by the operator
 * (probes on :8081, metrics on :8080, as upstream) and the node agent (probes). Probes answer 200 "ok", or 503 with
 * the reason.
 */
public final class HealthServer implements AutoCloseable {

  /** A check: null when healthy, else the reason. */
  public interface Check extends Supplier<String> {}

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * @param bindAddress {@code :8081}, {@code 127.0.0.1:0} or {@code 8081}
   * @param liveness {@code /healthz}, or null for none
   * @param readiness {@code /readyz}, or null for none
   * @param metrics the Prometheus text of {@code /metrics}, or null for none
   */
  public HealthServer(String bindAddress, Check liveness, Check readiness, Supplier<String> metrics) {
    try {
      server = HttpServer.create(address(bindAddress), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + bindAddress, e);
    }
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "http-" + bindAddress);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    if (liveness != null) {
      server.createContext("/healthz", exchange -> probe(exchange, liveness));
    }
    if (readiness != null) {
      server.createContext("/readyz", exchange -> probe(exchange, readiness));
    }
    if (metrics != null) {
      server.createContext("/metrics", exchange ->
          respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    }
    server.start();
  }

  /** The port listened on (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

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

  private static void probe(HttpExchange exchange, Check check) throws IOException {
    String failure;
    try {
      failure = check.get();
    } catch (RuntimeException e) {
      failure = e.toString();
    }
    if (failure == null) {
      respond(exchange, 200, "text/plain", "ok");
    } else {
      respond(exchange, 503, "text/plain", failure);
    }
  }

  private static void respond(HttpExchange exchange, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
