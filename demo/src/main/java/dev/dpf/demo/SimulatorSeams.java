package dev.dpf.demo;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.dms.DmsEndpoints;
import dev.dpf.dms.HostOps;
import dev.dpf.dpusim.Fleet;
import dev.dpf.provisioning.dpu.DpuControllerOptions;
import java.time.Duration;

/**
 * Points the operator's hardware seams at the simulated fleet: DMS addresses are the simulators' loopback ports
 * (instead of the DMS pods' IPs) and host operations (uptime, power cycle, warm reboot) act on the simulated hosts
 * (instead of exec into the DMS pods); the DPU controller waits at simulator speed. Registered before the controller modules, which read the seams through
 * {@link OperatorContext#seam}.
 */
final class SimulatorSeams implements ControllerModule {

  /**
   * Simulated DPUs boot in a moment: no 90 s cloud-init wait, the host uptime is read every half second and DMS is
   * polled every 200 ms. Everything else is the production default.
   */
  static final DpuControllerOptions DEMO_OPTIONS = DpuControllerOptions.fromEnvironment(System.getenv())
      .withCloudInitWait(Duration.ofSeconds(1))
      .withReboot(Duration.ofMinutes(2), Duration.ofMillis(500))
      .withWaits(Duration.ofSeconds(1), Duration.ofMinutes(1))
      .withTimeouts(t -> t.withPollInterval(Duration.ofMillis(200)).withActivateRetries(10, Duration.ofMillis(200)));

  private final Fleet fleet;

  SimulatorSeams(Fleet fleet) {
    this.fleet = fleet;
  }

  @Override
  public String name() {
    return "demo-simulator-seams";
  }

  @Override
  public void register(OperatorContext context) {
    context.provide(DmsEndpoints.class, fleet.endpoints());
    context.provide(HostOps.class, fleet.hostOps());
    context.provide(DpuControllerOptions.class, DEMO_OPTIONS);
  }
}
