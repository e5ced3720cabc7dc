package dev.dpf.agent.ovs;

/**
 * What {@link Ovs#watch} reports. Called from the connection threads; implementations must return quickly.
 */
public interface OvsListener {

  /**
   * A connection was (re-)established: to ovsdb-server ({@code openflow=false}) or to ovs-vswitchd's management
   * socket of the watched bridge ({@code openflow=true}, with the bridge's datapath id). ovs-vswitchd keeps
   * OpenFlow tables in memory only, so after a reconnect everything must be programmed again.
   */
  void connected(boolean openflow, String datapathId);

  /** A connection was lost. */
  void disconnected(boolean openflow, String reason);

  /** Bridge, Port or Interface rows changed (ports added or removed, ofport assigned, external_ids changed). */
  void changed();
}
