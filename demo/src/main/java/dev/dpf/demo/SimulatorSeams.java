package dev.dpf.demo;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.dms.DmsEndpoints;
import dev.dpf.dms.HostOps;
import dev.dpf.dpusim.Fleet;

/**
 * Points the operator's hardware seams at the simulated fleet: DMS addresses are the simulators' loopback ports
 * (instead of the DMS pods' IPs) and host operations (uptime, power cycle, warm reboot) act on the simulated hosts
 * (instead of exec into the DMS pods). Registered before the controller modules, which read the seams through
 * {@link OperatorContext#seam}.
 */
final class SimulatorSeams implements ControllerModule {

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
  }
}
