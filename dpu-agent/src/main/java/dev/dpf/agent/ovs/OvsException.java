package dev.dpf.agent.ovs;

/** A failed OVS operation (OVSDB transaction, ovs-ofctl command, lost connection). The message is user-facing. */
public class OvsException extends Exception {

  public OvsException(String message) {
    super(message);
  }

  public OvsException(String message, Throwable cause) {
    super(message, cause);
  }
}
