package dev.dpf.agent.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consistent copy of the OVSDB rows the agent works with (Bridge, Port, Interface), read in one transaction.
 */
public record OvsState(List<Bridge> bridges, List<Port> ports, List<Interface> interfaces) {

  /** A Bridge row. */
  public record Bridge(String uuid, String name, List<String> portUuids) {}

  /** A Port row. */
  public record Port(String uuid, String name, List<String> interfaceUuids, Map<String, String> externalIds) {}

  /**
   * An Interface row.
   *
   * @param ofport the OpenFlow port number, null while unassigned, -1 when the interface failed to open
   * @param error the {@code error} column (why the interface could not be opened), or null
   */
  public record Interface(String uuid, String name, String type, Long ofport, Map<String, String> externalIds,
      Map<String, String> options, String error) {}

  public Optional<Bridge> bridge(String name) {
    return bridges.stream().filter(b -> b.name().equals(name)).findFirst();
  }

  /** The Port row of this name, on any bridge or on none. */
  public Optional<Port> port(String name) {
    return ports.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<Interface> iface(String name) {
    return interfaces.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  /** The ports attached to a bridge (empty if the bridge does not exist). */
  public List<Port> portsOf(String bridge) {
    List<Port> result = new ArrayList<>();
    bridge(bridge).ifPresent(b -> ports.stream().filter(p -> b.portUuids().contains(p.uuid())).forEach(result::add));
    return result;
  }

  /** Whether a port of this name is attached to the bridge. */
  public boolean hasPort(String bridge, String port) {
    return portsOf(bridge).stream().anyMatch(p -> p.name().equals(port));
  }

  /** The bridge a port is attached to. */
  public Optional<Bridge> bridgeOf(Port port) {
    return bridges.stream().filter(b -> b.portUuids().contains(port.uuid())).findFirst();
  }

  /** The port an interface belongs to. */
  public Optional<Port> portOf(Interface iface) {
    return ports.stream().filter(p -> p.interfaceUuids().contains(iface.uuid())).findFirst();
  }

  public List<Interface> interfacesOf(Port port) {
    return interfaces.stream().filter(i -> port.interfaceUuids().contains(i.uuid())).toList();
  }

  /** Interfaces whose {@code external_ids} hold {@code key=value}. */
  public List<Interface> interfacesWithExternalId(String key, String value) {
    return interfaces.stream().filter(i -> value.equals(i.externalIds().get(key))).toList();
  }
}
