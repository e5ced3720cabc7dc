package dev.dpf.agent.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the host's links and addresses through {@code ip monitor link address} (netlink notifications) and reports
 * the name of each interface that changed, so drift on the host (a bridge deleted or re-created, a VF detached, an
 * address added) is repaired at once instead of at the next periodic re-check. The child process is restarted with
 * back-off (1 s doubling to 30 s) if it exits; {@link #close} ends it.
 */
public final class HostLinkMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HostLinkMonitor.class);
  /** {@code 2: br-dpu: <...>}, {@code Deleted 2: br-dpu    inet ...}, {@code 5: vf0@if4: ...}. */
  private static final Pattern LINE = Pattern.compile("^(?:Deleted\\s+)?\\d+:\\s+([^:@\\s]+)");
  private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final List<String> command;
  private final Consumer<String> onChange;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Process process;

  /**
   * @param command the monitor command line ({@link IpRoute2#monitorCommand()})
   * @param onChange called with the interface name of every change, on the monitor's thread
   */
  public HostLinkMonitor(List<String> command, Consumer<String> onChange) {
    this.command = List.copyOf(command);
    this.onChange = onChange;
    this.thread = new Thread(this::run, "host-link-monitor");
    this.thread.setDaemon(true);
  }

  public HostLinkMonitor start() {
    thread.start();
    return this;
  }

  /** The interface name a monitor line is about, or null for continuation and other lines. */
  static String interfaceOf(String line) {
    Matcher m = LINE.matcher(line);
    return m.find() ? m.group(1) : null;
  }

  private void run() {
    Duration backoff = MIN_BACKOFF;
    while (!closed) {
      long started = System.nanoTime();
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        process = p;
        if (closed) {
          p.destroy();
          return;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            String name = interfaceOf(line);
            if (name != null) {
              notify(name);
            }
          }
        }
        int exit = p.waitFor();
        if (!closed) {
          LOG.atWarn().addKeyValue("command", String.join(" ", command)).addKeyValue("exit", exit)
              .log("host link monitor exited; restarting");
        }
      } catch (IOException e) {
        if (!closed) {
          LOG.atWarn().addKeyValue("command", String.join(" ", command)).addKeyValue("error", e.getMessage())
              .log("cannot run the host link monitor; drift is repaired by the periodic re-check only until it runs");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (System.nanoTime() - started > Duration.ofMinutes(1).toNanos()) {
        backoff = MIN_BACKOFF;
      }
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  private void notify(String name) {
    try {
      onChange.accept(name);
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("error", e.toString()).log("host link change handler failed");
    }
  }

  @Override
  public void close() {
    closed = true;
    Process p = process;
    if (p != null) {
      p.destroy();
      try {
        if (!p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    thread.interrupt();
  }
}
