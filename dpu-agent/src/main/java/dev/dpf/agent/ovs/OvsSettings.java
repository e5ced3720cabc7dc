package dev.dpf.agent.ovs;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the node agent reaches Open vSwitch on a DPU.
 *
 * @param dbSocket OVSDB server unix socket ({@code unix:/var/run/openvswitch/db.sock} upstream)
 * @param runDir folder of the bridges' OpenFlow management sockets ({@code <runDir>/<bridge>.mgmt})
 * @param ofctl the {@code ovs-ofctl} binary (a name on the PATH or a path)
 * @param timeout limit of one OVSDB transaction or ovs-ofctl command
 */
public record OvsSettings(Path dbSocket, Path runDir, String ofctl, Duration timeout) {

  public static final Path DEFAULT_RUN_DIR = Path.of("/var/run/openvswitch");

  /** The upstream paths: {@code /var/run/openvswitch/db.sock}, management sockets beside it, 5 s timeout. */
  public static OvsSettings defaults() {
    return new OvsSettings(DEFAULT_RUN_DIR.resolve("db.sock"), DEFAULT_RUN_DIR, "ovs-ofctl", Duration.ofSeconds(5));
  }

  /** Daemons run with {@code OVS_RUNDIR=runDir} and the OVSDB socket {@code runDir/db.sock}. */
  public static OvsSettings inRunDir(Path runDir) {
    return new OvsSettings(runDir.resolve("db.sock"), runDir, "ovs-ofctl", Duration.ofSeconds(5));
  }

  /** The OpenFlow management socket of a bridge. */
  public Path managementSocket(String bridge) {
    return runDir.resolve(bridge + ".mgmt");
  }

  /** The ovs-ofctl target of a bridge: its management socket, so no OVS_RUNDIR is needed. */
  public String ofctlTarget(String bridge) {
    return "unix:" + managementSocket(bridge);
  }
}
