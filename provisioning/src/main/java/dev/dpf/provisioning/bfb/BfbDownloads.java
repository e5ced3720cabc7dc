package dev.dpf.provisioning.bfb;

import dev.dpf.common.util.Urls;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background BFB downloads, keyed by {@code <namespace>/<name>/<uid>} (the UID keeps a re-created BFB from
 * colliding with an old task). A bounded pool runs them; a watchdog reports progress to the reconciler about once
 * a second and aborts transfers that stall. Nothing here blocks a reconcile thread.
 */
public final class BfbDownloads implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BfbDownloads.class);

  /** What to do. A task with {@code verifyOnly} hashes an existing file instead of downloading. */
  public record Request(String key, ResourceID resource, String url, Path target, Path temp, String expectedSha256,
      boolean verifyOnly) {}

  /** A running or finished task. */
  public static final class Task {
    final Request request;
    final AtomicLong bytes = new AtomicLong();
    volatile long total = -1;
    volatile long lastProgressNanos = System.nanoTime();
    volatile long lastNotifiedBytes = -1;
    volatile InputStream stream;
    volatile boolean cancelled;
    final CompletableFuture<HttpDownloader.Result> future = new CompletableFuture<>();

    Task(Request request) {
      this.request = request;
    }

    Request request() {
      return request;
    }

    public long bytes() {
      return bytes.get();
    }

    public long total() {
      return total;
    }

    public boolean isDone() {
      return future.isDone();
    }

    public boolean verifyOnly() {
      return request.verifyOnly();
    }

    /** The result; only valid when done. Throws the failure cause as a DownloadException. */
    public HttpDownloader.Result result() throws DownloadException {
      try {
        return future.getNow(null);
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof DownloadException d) {
          throw d;
        }
        throw new DownloadException(HttpDownloader.describe(e.getCause()), e.getCause());
      }
    }
  }

  private final HttpDownloader downloader;
  private final ExecutorService pool;
  private final ScheduledExecutorService watchdog;
  private final Duration stallTimeout;
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private volatile Consumer<ResourceID> notifier = r -> {};
  private final Counter succeeded;
  private final Counter failed;
  private final Counter downloadedBytes;

  public BfbDownloads(HttpDownloader downloader, int parallel, Duration stallTimeout, MeterRegistry meters) {
    this.downloader = downloader;
    this.stallTimeout = stallTimeout;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "bfb-download-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bfb-download-watchdog");
      t.setDaemon(true);
      return t;
    });
    this.watchdog.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    this.succeeded = Counter.builder("dpf_bfb_downloads").tag("result", "success")
        .description("BFB downloads finished").register(meters);
    this.failed = Counter.builder("dpf_bfb_downloads").tag("result", "failure")
        .description("BFB downloads finished").register(meters);
    this.downloadedBytes = Counter.builder("dpf_bfb_downloaded_bytes")
        .description("Bytes written by BFB downloads").register(meters);
    meters.gauge("dpf_bfb_downloads_active", tasks, Map::size);
  }

  /** Where task progress and completion are reported (the reconciler's event source). */
  public void onProgress(Consumer<ResourceID> notifier) {
    this.notifier = notifier;
  }

  public Optional<Task> get(String key) {
    return Optional.ofNullable(tasks.get(key));
  }

  /** Starts a task unless one is registered under the key; returns the registered task. */
  public Task start(Request request) {
    return tasks.computeIfAbsent(request.key(), k -> {
      Task task = new Task(request);
      pool.execute(() -> run(task));
      return task;
    });
  }

  /** Forgets a finished task. */
  public void forget(String key) {
    tasks.remove(key);
  }

  /** Cancels and forgets a task; its temporary file is removed by the task itself. */
  public void cancel(String key) {
    Task task = tasks.remove(key);
    if (task != null) {
      task.cancelled = true;
      closeStream(task);
    }
  }

  private void run(Task task) {
    Request r = task.request();
    try {
      HttpDownloader.Result result = r.verifyOnly() ? verify(task) : download(task);
      task.future.complete(result);
      succeeded.increment();
    } catch (DownloadException e) {
      task.future.completeExceptionally(e);
      failed.increment();
    } catch (InterruptedException e) {
      task.future.completeExceptionally(new DownloadException("download cancelled"));
    } catch (RuntimeException e) {
      task.future.completeExceptionally(new DownloadException("download failed: " + HttpDownloader.describe(e), e));
      failed.increment();
    } finally {
      if (!r.verifyOnly()) {
        deleteQuietly(r.temp());
      }
      notifier.accept(r.resource());
    }
  }

  private HttpDownloader.Result download(Task task) throws DownloadException, InterruptedException {
    Request r = task.request();
    try {
      Files.createDirectories(r.target().getParent());
      Files.deleteIfExists(r.temp());
    } catch (IOException e) {
      throw new DownloadException("preparing " + r.temp().getFileName() + " failed: " + HttpDownloader.describe(e), e);
    }
    LOG.atInfo().addKeyValue("url", Urls.redact(r.url())).addKeyValue("file", r.target().getFileName())
        .log("BFB download started");
    HttpDownloader.Result result = downloader.download(r.url(), r.temp(), (bytes, total) -> {
      long delta = bytes - task.bytes.getAndSet(bytes);
      if (delta > 0) {
        downloadedBytes.increment(delta);
      }
      task.total = total;
      task.lastProgressNanos = System.nanoTime();
    }, in -> task.stream = in, () -> task.cancelled);
    checkChecksum(r, result.sha256());
    try {
      Files.move(r.temp(), r.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new DownloadException("renaming to " + r.target().getFileName() + " failed: "
          + HttpDownloader.describe(e), e);
    }
    BfbVolume.makeReadable(r.target());
    LOG.atInfo().addKeyValue("file", r.target().getFileName()).addKeyValue("bytes", result.bytes())
        .log("BFB download finished");
    return result;
  }

  private HttpDownloader.Result verify(Task task) throws DownloadException, InterruptedException {
    Request r = task.request();
    try {
      long size = Files.size(r.target());
      task.total = size;
      String sha = HttpDownloader.sha256(r.target(), () -> task.cancelled);
      task.bytes.set(size);
      checkChecksum(r, sha);
      return new HttpDownloader.Result(size, sha);
    } catch (IOException e) {
      throw new DownloadException("reading " + r.target().getFileName() + " failed: " + HttpDownloader.describe(e), e);
    }
  }

  private static void checkChecksum(Request r, String actual) throws DownloadException {
    if (r.expectedSha256() != null && !r.expectedSha256().equalsIgnoreCase(actual)) {
      throw new DownloadException("checksum mismatch for " + r.target().getFileName() + ": expected sha256:"
          + r.expectedSha256() + ", got sha256:" + actual);
    }
  }

  private void watch() {
    long now = System.nanoTime();
    for (Task task : tasks.values()) {
      if (task.isDone()) {
        continue;
      }
      long bytes = task.bytes.get();
      if (bytes != task.lastNotifiedBytes) {
        task.lastNotifiedBytes = bytes;
        notifier.accept(task.request().resource());
      }
      if (task.stream != null && now - task.lastProgressNanos > stallTimeout.toNanos()) {
        LOG.atWarn().addKeyValue("file", task.request().target().getFileName()).log("BFB download stalled");
        task.cancelled = false;
        closeStream(task);
      }
    }
  }

  private static void closeStream(Task task) {
    InputStream in = task.stream;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // ignore
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("file", file).log("could not remove temporary file");
    }
  }

  @Override
  public void close() {
    tasks.keySet().forEach(this::cancel);
    watchdog.shutdownNow();
    pool.shutdownNow();
  }
}
