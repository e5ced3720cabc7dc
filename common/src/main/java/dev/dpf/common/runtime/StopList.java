package dev.dpf.common.runtime;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a process closes when it stops (executors, watches, servers), closed in reverse order of registration; an
 * error closing one is logged and the rest are still closed.
 */
public final class StopList implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StopList.class);

  private final List<AutoCloseable> closeables = new ArrayList<>();

  public synchronized void add(AutoCloseable closeable) {
    closeables.add(closeable);
  }

  @Override
  public synchronized void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.atWarn().addKeyValue("error", e.toString()).log("error while stopping a component");
      }
    }
    closeables.clear();
  }
}
