package dev.dpf.agent.ovs;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything the node agent does to Open vSwitch. Every write is idempotent: adding an existing port, inserting an
 * existing {@code external_ids} key or deleting a missing port changes nothing.
 *
 * <p>The implementation ({@link OvsClient}) speaks OVSDB JSON-RPC (RFC 7047) on the database's unix socket and
 * programs flows with {@code ovs-ofctl} on the bridge's management socket.
 */
public interface Ovs extends AutoCloseable {

  /** A port to create: its name, Interface type ("" = system netdev), Interface options and external_ids. */
  record PortSpec(String name, String type, Map<String, String> options) {
    public PortSpec {
      type = type == null ? "" : type;
      options = options == null ? Map.of() : Map.copyOf(options);
    }
  }

  /** Bridges, ports and interfaces, read in one transaction. */
  OvsState state() throws OvsException;

  /**
   * Creates Interface + Port and attaches the Port to {@code bridge} in one transaction, unless a Port of that name
   * already exists (on any bridge: then nothing happens, as upstream). Fails if the bridge does not exist.
   *
   * @return whether the port was created
   */
  boolean addPort(String bridge, PortSpec port) throws OvsException;

  /** Inserts keys into an Interface's {@code external_ids}; existing keys keep their value (OVSDB mutate insert). */
  void insertInterfaceExternalIds(String iface, Map<String, String> ids) throws OvsException;

  /** Inserts keys into a Port's {@code external_ids}; existing keys keep their value (OVSDB mutate insert). */
  void insertPortExternalIds(String port, Map<String, String> ids) throws OvsException;

  /** Sets (replaces) keys of an Interface's {@code options}, e.g. a patch port's {@code peer}. */
  void setInterfaceOptions(String iface, Map<String, String> options) throws OvsException;

  /**
   * Detaches a port from a bridge (OVSDB removes the unreferenced Port and Interface rows).
   *
   * @return whether the port was attached to the bridge
   */
  boolean deletePort(String bridge, String port) throws OvsException;

  /** The bridge's flows ({@code ovs-ofctl dump-flows}). */
  List<OfFlow> dumpFlows(String bridge) throws OvsException;

  /**
   * Applies flow modifications atomically as one OpenFlow bundle ({@code ovs-ofctl --bundle add-flows}); each line
   * is a flow prefixed with {@code add}, {@code delete}, {@code delete_strict}, {@code modify} or
   * {@code modify_strict}. Either all apply or none.
   */
  void bundle(String bridge, List<String> lines) throws OvsException;

  /** Deletes every flow carrying one of the cookies (mask all ones), in one bundle. */
  void deleteFlows(String bridge, Collection<Long> cookies) throws OvsException;

  /**
   * Keeps connections to ovsdb-server and to the bridge's management socket open and reports (re)connections and
   * changes until the returned handle is closed. Reconnects with back-off.
   */
  AutoCloseable watch(String bridge, OvsListener listener);

  @Override
  void close();
}
