package dev.dpf.provisioning.dpu;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking work of the DPU controller run off the reconcile threads: the OS installation (long, its own bounded
 * pool) and short host/DMS operations (uptime, reboot commands, the DMS port probe; a second small pool, so that they
 * never wait behind installations). Tasks are keyed by DPU UID and kind; at most one runs per key. Progress (at most
 * once a second) and completion wake the reconciler of the DPU through {@link #onEvent}.
 */
final class BackgroundTasks implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

  /** Kinds of task. */
  enum Kind {
    TRANSFER(true), ACTIVATE(true), PROBE(false), UPTIME(false), REBOOT(false), DMS_IDLE(false);

    final boolean install;

    Kind(boolean install) {
      this.install = install;
    }
  }

  record Key(String uid, Kind kind) {}

  /** A running or finished task; {@code T} is its result. */
  static final class Task<T> {
    final Key key;
    final ResourceID resource;
    final Instant started;
    final CompletableFuture<T> result = new CompletableFuture<>();
    volatile Future<?> future;
    volatile Object progress;
    volatile Instant lastNotified = Instant.EPOCH;
    volatile Instant finished;

    Task(Key key, ResourceID resource, Instant started) {
      this.key = key;
      this.resource = resource;
      this.started = started;
    }

    boolean isDone() {
      return result.isDone();
    }

    /** When the task ended (valid once done): a stable timestamp for what its result records. */
    Instant finished() {
      Instant f = finished;
      return f == null ? Instant.now() : f;
    }

    /** The result of a finished task; throws its failure (unwrapped). */
    T get() throws Exception {
      try {
        return result.getNow(null);
      } catch (CompletionException e) {
        if (e.getCause() instanceof Exception ex) {
          throw ex;
        }
        throw e;
      } catch (CancellationException e) {
        throw new InterruptedException("cancelled");
      }
    }

    @SuppressWarnings("unchecked")
    <P> P progress() {
      return (P) progress;
    }
  }

  /** The work of a task; it may report progress through the task. */
  interface Work<T> {
    T run(Task<T> task) throws Exception;
  }

  private final ExecutorService installs;
  private final ExecutorService quick;
  private final Clock clock;
  private final Map<Key, Task<?>> tasks = new ConcurrentHashMap<>();
  private volatile Consumer<ResourceID> onEvent = r -> {};

  BackgroundTasks(int installThreads, int quickThreads, Clock clock) {
    this.installs = Executors.newFixedThreadPool(installThreads, threads("dpu-install"));
    this.quick = Executors.newFixedThreadPool(quickThreads, threads("dpu-hostop"));
    this.clock = clock;
  }

  void onEvent(Consumer<ResourceID> listener) {
    this.onEvent = listener;
  }

  @SuppressWarnings("unchecked")
  <T> Optional<Task<T>> get(String uid, Kind kind) {
    return Optional.ofNullable((Task<T>) tasks.get(new Key(uid, kind)));
  }

  /** Starts {@code work} unless a task of that key exists; returns the registered task. */
  @SuppressWarnings("unchecked")
  <T> Task<T> start(String uid, Kind kind, ResourceID resource, Work<T> work) {
    return (Task<T>) tasks.computeIfAbsent(new Key(uid, kind), key -> {
      Task<T> task = new Task<>(key, resource, clock.instant());
      task.future = (kind.install ? installs : quick).submit(() -> run(task, work));
      return task;
    });
  }

  private <T> void run(Task<T> task, Work<T> work) {
    try {
      task.result.complete(work.run(task));
    } catch (Exception e) {
      task.result.completeExceptionally(e);
    } catch (Error e) {
      task.result.completeExceptionally(e);
      throw e;
    } finally {
      task.finished = clock.instant();
      LOG.atDebug().addKeyValue("dpu", task.resource).log("background task " + task.key.kind() + " of " + task.resource
          + " ended" + (task.result.isCompletedExceptionally() ? " with a failure" : ""));
      onEvent.accept(task.resource);
    }
  }

  /** Records progress and wakes the reconciler, at most once a second per task. */
  void progress(Task<?> task, Object progress) {
    task.progress = progress;
    Instant now = clock.instant();
    if (Duration.between(task.lastNotified, now).compareTo(PROGRESS_EVERY) >= 0) {
      task.lastNotified = now;
      onEvent.accept(task.resource);
    }
  }

  /** Forgets a finished task (a running one is left alone). */
  void forget(String uid, Kind kind) {
    tasks.computeIfPresent(new Key(uid, kind), (k, t) -> t.isDone() ? null : t);
  }

  /** Cancels (interrupts) and forgets one task. */
  void cancelOne(String uid, Kind kind) {
    Task<?> task = tasks.remove(new Key(uid, kind));
    if (task != null && !task.isDone()) {
      LOG.atInfo().addKeyValue("dpu", task.resource).addKeyValue("task", kind).log("cancelling background task");
      task.future.cancel(true);
      task.result.cancel(false);
    }
  }

  /** Cancels (interrupts) and forgets every task of a DPU. */
  void cancelAll(String uid) {
    for (Kind kind : Kind.values()) {
      Task<?> task = tasks.remove(new Key(uid, kind));
      if (task != null && !task.isDone()) {
        LOG.atInfo().addKeyValue("dpu", task.resource).addKeyValue("task", kind).log("cancelling background task");
        task.future.cancel(true);
        task.result.cancel(false);
      }
    }
  }

  boolean running(String uid, Kind kind) {
    Task<?> task = tasks.get(new Key(uid, kind));
    return task != null && !task.isDone();
  }

  int active() {
    return (int) tasks.values().stream().filter(t -> !t.isDone()).count();
  }

  @Override
  public void close() {
    installs.shutdownNow();
    quick.shutdownNow();
    tasks.clear();
  }

  private static java.util.concurrent.ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
