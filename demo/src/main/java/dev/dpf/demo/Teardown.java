package dev.dpf.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the demo started, stopped in reverse order. Each step is stopped once, a failing step does not keep the
 * later ones from running, and closing twice (Ctrl-C during a normal stop) is harmless.
 */
final class Teardown implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Teardown.class);

  private record Step(String name, AutoCloseable closeable) {}

  private final Deque<Step> steps = new ArrayDeque<>();
  private boolean closed;

  /** Adds a step; if the teardown already ran (Ctrl-C during start-up), stops it at once. */
  <T extends AutoCloseable> T add(String name, T closeable) {
    boolean runNow;
    synchronized (this) {
      runNow = closed;
      if (!runNow) {
        steps.push(new Step(name, closeable));
      }
    }
    if (runNow) {
      stop(new Step(name, closeable));
    }
    return closeable;
  }

  synchronized boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    while (true) {
      Step step;
      synchronized (this) {
        closed = true;
        step = steps.poll();
      }
      if (step == null) {
        return;
      }
      stop(step);
    }
  }

  private static void stop(Step step) {
    try {
      step.closeable().close();
      LOG.atDebug().addKeyValue("step", step.name()).log("stopped");
    } catch (Exception | Error e) {
      LOG.atWarn().addKeyValue("step", step.name()).setCause(e).log("stopping failed");
    }
  }
}
