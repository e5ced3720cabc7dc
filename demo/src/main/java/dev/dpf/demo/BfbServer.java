package dev.dpf.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web server on loopback serving a generated BFB file, standing in for NVIDIA's content server: the BFB controller
 * downloads it with its real HTTP client. The transfer is paced ({@code bytesPerSecond}) so the download progress
 * in the BFB's status is visible. With {@code notFound} every request is answered 404 (failure injection).
 */
final class BfbServer implements AutoCloseable {

  private static final int CHUNK = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path file;
  private final String fileName;
  private final long bytesPerSecond;
  private final boolean notFound;
  private final AtomicInteger requests = new AtomicInteger();

  private BfbServer(HttpServer server, ExecutorService executor, Path file, long bytesPerSecond, boolean notFound) {
    this.server = server;
    this.executor = executor;
    this.file = file;
    this.fileName = file.getFileName().toString();
    this.bytesPerSecond = bytesPerSecond;
    this.notFound = notFound;
  }

  /** Generates {@code size} bytes as {@code dir/fileName} and serves them on 127.0.0.1 (a free port). */
  static BfbServer start(Path dir, String fileName, long size, long bytesPerSecond, boolean notFound) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(fileName);
      generate(file, size);
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bfb-server");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      BfbServer bfbServer = new BfbServer(server, executor, file, bytesPerSecond, notFound);
      server.createContext("/", bfbServer::handle);
      server.start();
      return bfbServer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A BFB-looking file: a header line, then pseudo-random bytes (deterministic, so the checksum is stable). */
  private static void generate(Path file, long size) throws IOException {
    Random random = new Random(0x0BFB);
    byte[] buffer = new byte[CHUNK];
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] header = "DPF demo BFB (simulated BlueField bundle)\n".getBytes(StandardCharsets.US_ASCII);
      out.write(header);
      long left = size - header.length;
      while (left > 0) {
        random.nextBytes(buffer);
        int n = (int) Math.min(buffer.length, left);
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  /** The URL the BFB object points at. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + fileName;
  }

  int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (notFound || !path.equals("/" + fileName)) {
        byte[] body = "404 page not found\n".getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      long size = Files.size(file);
      exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, size);
      long started = System.nanoTime();
      long sent = 0;
      byte[] buffer = new byte[CHUNK];
      try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          out.write(buffer, 0, n);
          sent += n;
          long due = started + sent * 1_000_000_000L / bytesPerSecond;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
