package dev.dpf.common.runtime;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide holder of the current {@link DpfRuntimeConfig}. The DPFOperatorConfig controller
 * {@link #publish publishes} a new snapshot whenever it reconciles the singleton (not while it is paused); every
 * other controller reads {@link #current()} (a volatile read, no API call) and may register a listener to be woken
 * when it changes, e.g. {@code runtimeSettings.onChange(c -> eventSource.propagateEvent(...))}.
 *
 * <p>Before the first publication {@link #current()} holds {@link DpfRuntimeConfig#defaults()} with
 * {@link DpfRuntimeConfig#known()} false; a controller whose behaviour differs between "default" and "not known
 * yet" (the static cluster manager, off by default) should wait for a known snapshot, which comes within one
 * reconcile of the DPFOperatorConfig controller after start (or right away when no DPFOperatorConfig exists).
 */
public final class RuntimeSettings {

  private static final Logger LOG = LoggerFactory.getLogger(RuntimeSettings.class);

  private volatile DpfRuntimeConfig current = DpfRuntimeConfig.defaults();
  private volatile boolean settled;
  private final List<Consumer<DpfRuntimeConfig>> listeners = new CopyOnWriteArrayList<>();

  /** The current snapshot (never null). */
  public DpfRuntimeConfig current() {
    return current;
  }

  /**
   * Whether the DPFOperatorConfig controller has looked at least once: a snapshot of the singleton was published,
   * or it found that no DPFOperatorConfig exists (then {@link #current()} is the defaults).
   */
  public boolean settled() {
    return settled;
  }

  /** Called with the new snapshot after every change (on the publishing thread; keep it short, never block). */
  public void onChange(Consumer<DpfRuntimeConfig> listener) {
    listeners.add(listener);
  }

  /**
   * Replaces the snapshot and notifies the listeners when it differs from the current one (or when this is the
   * first publication). Returns whether listeners were notified.
   */
  public synchronized boolean publish(DpfRuntimeConfig next) {
    Objects.requireNonNull(next, "next");
    boolean first = !settled;
    settled = true;
    if (!first && next.equals(current)) {
      return false;
    }
    current = next;
    for (Consumer<DpfRuntimeConfig> listener : listeners) {
      try {
        listener.accept(next);
      } catch (RuntimeException e) {
        LOG.atWarn().setCause(e).log("a runtime settings listener failed");
      }
    }
    return true;
  }
}
