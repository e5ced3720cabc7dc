package dev.dpf.provisioning.bfcfg;

/** bf.cfg cannot be produced (too large, invalid reboot annotation); the message is fit for status and events. */
public class BfCfgException extends Exception {

  private static final long serialVersionUID = 1L;

  public BfCfgException(String message) {
    super(message);
  }
}
