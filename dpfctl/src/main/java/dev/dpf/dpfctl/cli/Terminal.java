package dev.dpf.dpfctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard output is a terminal (colours are only written to one). */
public final class Terminal {

  private Terminal() {}

  /**
   * On Linux, standard output's file descriptor links to {@code /dev/pts/N} or {@code /dev/ttyN} when it is a
   * terminal; elsewhere Java 17 only offers {@link System#console()}, which also needs standard input to be one.
   */
  public static boolean stdoutIsTerminal() {
    Path fd = Path.of("/proc/self/fd/1");
    try {
      if (Files.isSymbolicLink(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
      }
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // fall back below
    }
    return System.console() != null;
  }
}
