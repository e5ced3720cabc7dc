package dev.dpf.provisioning.bfb;

import dev.dpf.common.util.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;

/**
 * Streams an http(s) URL into a file, never holding the body in memory: 1 MiB chunks, SHA-256 computed on the
 * fly, progress reported per chunk. Truncated bodies (fewer bytes than Content-Length) are errors.
 */
public final class HttpDownloader {

  /** Receives the number of bytes written so far and the announced total (-1 when unknown). */
  public interface Progress {
    void update(long bytes, long total);
  }

  /** Result of a finished download. */
  public record Result(long bytes, String sha256) {}

  private static final int CHUNK = 1 << 20;

  private final HttpClient http;

  public HttpDownloader(HttpClient http) {
    this.http = http;
  }

  public static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * Downloads {@code url} into {@code target} (created or truncated).
   *
   * @param streamSink receives the body stream once opened, so a watchdog can close it when the transfer stalls
   * @param cancelled polled between chunks
   */
  public Result download(String url, Path target, Progress progress, java.util.function.Consumer<InputStream> streamSink,
      BooleanSupplier cancelled) throws DownloadException, InterruptedException {
    String shown = Urls.redact(url);
    HttpResponse<InputStream> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(url)).GET()
          .header("User-Agent", "dpf-java-bfb-controller").build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IllegalArgumentException e) {
      throw new DownloadException("failed to get: " + shown + ": invalid URL");
    } catch (SSLException e) {
      throw new DownloadException("failed to get: " + shown + ": TLS handshake failed: " + e.getMessage(), e);
    } catch (HttpConnectTimeoutException e) {
      throw new DownloadException("failed to get: " + shown + ": connection timed out", e);
    } catch (ConnectException e) {
      throw new DownloadException("failed to get: " + shown + ": connection refused", e);
    } catch (IOException e) {
      throw new DownloadException("failed to get: " + shown + ": " + describe(e), e);
    }
    if (response.statusCode() != 200) {
      closeQuietly(response.body());
      throw new DownloadException("failed to get: " + shown + " status: " + response.statusCode());
    }
    long total = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long bytes = 0;
    try (InputStream in = response.body();
         FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
             StandardOpenOption.TRUNCATE_EXISTING)) {
      streamSink.accept(in);
      byte[] buffer = new byte[CHUNK];
      progress.update(0, total);
      while (true) {
        if (cancelled.getAsBoolean()) {
          throw new InterruptedException("download cancelled");
        }
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          throw new DownloadException("failed to get: " + shown + ": transfer interrupted after " + bytes
              + " bytes: " + describe(e), e);
        }
        if (n < 0) {
          break;
        }
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        try {
          while (chunk.hasRemaining()) {
            out.write(chunk);
          }
        } catch (IOException e) {
          throw new DownloadException("writing " + target.getFileName() + " failed: " + describe(e), e);
        }
        sha256.update(buffer, 0, n);
        bytes += n;
        progress.update(bytes, total);
      }
      if (total >= 0 && bytes != total) {
        throw new DownloadException("failed to get: " + shown + ": body truncated: received " + bytes + " of "
            + total + " bytes");
      }
      try {
        out.force(true);
      } catch (IOException e) {
        throw new DownloadException("writing " + target.getFileName() + " failed: " + describe(e), e);
      }
    } catch (IOException e) {
      throw new DownloadException("writing " + target.getFileName() + " failed: " + describe(e), e);
    }
    return new Result(bytes, HexFormat.of().formatHex(sha256.digest()));
  }

  /** SHA-256 of an existing file, streamed. */
  public static String sha256(Path file, BooleanSupplier cancelled) throws IOException, InterruptedException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
      while (in.read(buffer) >= 0) {
        if (cancelled.getAsBoolean()) {
          throw new InterruptedException("checksum cancelled");
        }
        buffer.flip();
        sha256.update(buffer);
        buffer.clear();
      }
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // ignore
    }
  }
}
