package dev.dpf.dpfctl.render;

import dev.dpf.dpfctl.model.Cond;

/**
 * Terminal colours (the SGR codes fatih/color uses); with colours off every method returns its text unchanged.
 * Empty text is never wrapped, so uncoloured and coloured tables have the same layout.
 */
public final class Ansi {

  public static final Ansi OFF = new Ansi(false);
  public static final Ansi ON = new Ansi(true);

  private static final String GRAY = "90";
  private static final String RED = "31";
  private static final String GREEN = "32";
  private static final String YELLOW = "33";
  private static final String WHITE = "37";
  private static final String CYAN = "36";
  private static final String BOLD = "1";

  private final boolean enabled;

  private Ansi(boolean enabled) {
    this.enabled = enabled;
  }

  public static Ansi of(boolean enabled) {
    return enabled ? ON : OFF;
  }

  public boolean enabled() {
    return enabled;
  }

  public String gray(String s) {
    return wrap(GRAY, s);
  }

  public String red(String s) {
    return wrap(RED, s);
  }

  public String cyan(String s) {
    return wrap(CYAN, s);
  }

  public String bold(String s) {
    return wrap(BOLD, s);
  }

  /** Bold white: group rows. */
  public String boldWhite(String s) {
    return wrap(WHITE + ";" + BOLD, s);
  }

  /**
   * A condition's status and reason: True green; False/Unknown white, red when the type ends with {@code Ready},
   * yellow when it ends with {@code Reconciled}; anything else (no condition, Argo CD sync states) gray.
   */
  public String condition(Cond c, String s) {
    if (c == null) {
      return gray(s);
    }
    return switch (c.status()) {
      case Cond.TRUE -> wrap(GREEN, s);
      case Cond.FALSE, Cond.UNKNOWN -> {
        if (c.type().endsWith("Ready")) {
          yield wrap(RED, s);
        }
        if (c.type().endsWith("Reconciled")) {
          yield wrap(YELLOW, s);
        }
        yield wrap(WHITE, s);
      }
      default -> gray(s);
    };
  }

  private String wrap(String code, String s) {
    if (!enabled || s.isEmpty()) {
      return s;
    }
    return "\u001b[" + code + "m" + s + "\u001b[0m";
  }

  /** The text without SGR escape sequences. */
  public static String strip(String s) {
    return s.replaceAll("\u001b\\[[0-9;]*m", "");
  }
}
