package dev.dpf.dpusim;

import dev.dpf.dms.HostOpsException;
import dev.dpf.dms.PowerAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated host (server) with one or more DPUs, standing in for what DPF reaches through the DMS pod: its uptime
 * ({@code cat /proc/uptime}) resets when it is power-cycled or warm-rebooted; while it is down (the configured
 * downtime) every command fails, as an exec into the DMS pod would. Every command is written to
 * {@link #commandLog()}.
 */
public final class SimulatedHost {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedHost.class);

  private final String name;
  private final Clock clock;
  private final List<String> commandLog = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> rebootListeners = new CopyOnWriteArrayList<>();
  private Instant bootedAt;
  private Instant downUntil;
  private int reboots;
  private volatile Duration downtime = Duration.ZERO;
  private volatile String commandFailure;

  SimulatedHost(String name, Clock clock, Duration initialUptime) {
    this.name = Objects.requireNonNull(name);
    this.clock = clock;
    this.bootedAt = clock.instant().minus(initialUptime);
    this.downUntil = Instant.MIN;
  }

  public String name() {
    return name;
  }

  /** Host uptime in whole seconds. */
  public long uptimeSeconds() {
    record("cat /proc/uptime");
    synchronized (this) {
      return Math.max(0, Duration.between(bootedAt, clock.instant()).toSeconds());
    }
  }

  /** {@code ipmitool chassis power <cycle|reset>}: the host reboots. */
  public void powerCycle(PowerAction action) {
    record("ipmitool chassis power " + action.word());
    reboot("power " + action.word());
  }

  /** {@code bf-slr.sh <pci> <cmd> arm} then {@code bf-slr.sh <pci> <cmd> host}: the host reboots. */
  public void warmReboot(String pciAddress, PowerAction action) {
    record("bf-slr.sh " + pciAddress + " " + action.word() + " arm");
    record("bf-slr.sh " + pciAddress + " " + action.word() + " host");
    reboot("warm reboot (bf-slr.sh " + action.word() + ")");
  }

  /** Reboots the host now (as an operator would); it is down for the configured downtime. */
  public void reboot(String why) {
    synchronized (this) {
      Instant now = clock.instant();
      downUntil = now.plus(downtime);
      bootedAt = downUntil;
      reboots++;
    }
    LOG.atInfo().addKeyValue("host", name).addKeyValue("why", why).log("host rebooted");
    rebootListeners.forEach(l -> l.accept(why));
  }

  /** How long the host is unreachable after a reboot (default 0). */
  public SimulatedHost downtime(Duration value) {
    downtime = Objects.requireNonNull(value);
    return this;
  }

  /** Every command fails with {@code message} (e.g. "DMS pod not running"); null clears. */
  public SimulatedHost failCommands(String message) {
    commandFailure = message;
    return this;
  }

  public synchronized int reboots() {
    return reboots;
  }

  /** Commands run on this host, oldest first. */
  public List<String> commandLog() {
    return new ArrayList<>(commandLog);
  }

  void onReboot(Consumer<String> listener) {
    rebootListeners.add(listener);
  }

  private void record(String command) {
    String failure = commandFailure;
    if (failure != null) {
      commandLog.add(command + "  # failed: " + failure);
      throw new HostOpsException("`" + command + "` on host " + name + " failed: " + failure);
    }
    synchronized (this) {
      if (clock.instant().isBefore(downUntil)) {
        commandLog.add(command + "  # failed: host down");
        throw new HostOpsException("`" + command + "` on host " + name + " failed: the host is down (rebooting)");
      }
    }
    commandLog.add(command);
  }

  @Override
  public String toString() {
    return "SimulatedHost[" + name + "]";
  }
}
