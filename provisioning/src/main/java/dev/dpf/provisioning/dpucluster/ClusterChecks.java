package dev.dpf.provisioning.dpucluster;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Checks against DPU cluster API servers, run in the background so that a slow or black-holed API server never
 * blocks a reconcile thread. A reconciler starts a check (at most one per key at a time), returns, and is woken by
 * {@link #onDone} when the result is there; results are kept per key with their time and the number of consecutive
 * failures (for back-off).
 */
final class ClusterChecks implements AutoCloseable {

  /**
   * The outcome of a check.
   *
   * @param ok whether the check passed
   * @param detail what the check returned when it passed (e.g. the server version), else the error message
   * @param at when the check finished
   * @param failures consecutive failures for this key, including this one (0 when ok)
   */
  record Result(boolean ok, String detail, Instant at, int failures) {

    /** Whether the result is younger than {@code validity}. */
    boolean freshAt(Instant now, Duration validity) {
      return now.isBefore(at.plus(validity));
    }
  }

  private final ExecutorService pool;
  private final Clock clock;
  private final Map<String, Result> results = new ConcurrentHashMap<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private volatile Consumer<ResourceID> notifier = id -> {};

  ClusterChecks(String name, int threads, Clock clock) {
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Where finished checks are reported (the reconciler's inbound event source). */
  void onDone(Consumer<ResourceID> notifier) {
    this.notifier = notifier;
  }

  Optional<Result> latest(String key) {
    return Optional.ofNullable(results.get(key));
  }

  boolean running(String key) {
    return running.contains(key);
  }

  /** Starts {@code check} for {@code key} unless one is running; {@code resource} is woken when it ends. */
  void start(String key, ResourceID resource, Callable<String> check) {
    if (!running.add(key)) {
      return;
    }
    try {
      pool.execute(() -> run(key, resource, check));
    } catch (RejectedExecutionException e) {
      running.remove(key);
    }
  }

  private void run(String key, ResourceID resource, Callable<String> check) {
    Result result;
    try {
      String detail = check.call();
      result = new Result(true, detail, clock.instant(), 0);
    } catch (Exception e) {
      Result previous = results.get(key);
      int failures = previous != null && !previous.ok() ? previous.failures() + 1 : 1;
      result = new Result(false, message(e), clock.instant(), failures);
    }
    results.put(key, result);
    running.remove(key);
    notifier.accept(resource);
  }

  /** Forgets the results of {@code key} and of every key starting with {@code key + "/"}. */
  void forget(String key) {
    results.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + "/"));
  }

  static String message(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /**
   * What actually went wrong on the wire, from the cause chain: {@code connection refused}, {@code connection timed
   * out}, {@code TLS handshake failed: ...}, {@code unknown host ...}, else the innermost non-blank message.
   */
  static String rootMessage(Throwable e) {
    String innermost = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.http.HttpConnectTimeoutException || t instanceof java.net.SocketTimeoutException) {
        return "connection timed out";
      }
      if (t instanceof java.net.ConnectException) {
        return "connection refused";
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return "TLS handshake failed: " + message(t);
      }
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host " + message(t);
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        innermost = t.getMessage();
      }
    }
    return innermost != null ? innermost : message(e);
  }

  /** Exponential back-off: {@code base * 2^(failures-1)}, at most {@code cap}. */
  static Duration backoff(int failures, Duration base, Duration cap) {
    if (failures <= 1) {
      return base.compareTo(cap) < 0 ? base : cap;
    }
    Duration d = base.multipliedBy(1L << Math.min(failures - 1, 20));
    return d.compareTo(cap) < 0 ? d : cap;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
