package dev.dpf.demo;

import java.io.PrintStream;
import java.util.Locale;

/** What the user sees: one line per step or change, prefixed with the seconds since the demo started. */
final class Console {

  private final PrintStream out;
  private final long started = System.nanoTime();

  Console(PrintStream out) {
    this.out = out;
  }

  synchronized void line(String format, Object... args) {
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "[%6.1fs] %s%n", seconds, args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    out.flush();
  }

  /** Text as is (a block such as dpfctl's output). */
  synchronized void raw(String text) {
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
  }

  PrintStream out() {
    return out;
  }
}
