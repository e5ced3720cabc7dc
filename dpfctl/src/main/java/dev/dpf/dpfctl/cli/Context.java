package dev.dpf.dpfctl.cli;

import dev.dpf.dpfctl.source.ObjectSource;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Function;

/**
 * What the commands depend on, injected so that tests run them on recorded objects with a fixed clock.
 *
 * @param sources opens the object source for the connection flags
 * @param env environment variables ({@code NO_COLOR})
 * @param stdoutTerminal whether standard output is a terminal (colours are only used on one)
 * @param clock "now" for the SINCE column
 * @param out standard output
 * @param err standard error
 */
public record Context(SourceFactory sources, Function<String, String> env, boolean stdoutTerminal, Clock clock,
    PrintWriter out, PrintWriter err) {

  /** Opens an {@link ObjectSource}; the caller closes it when it is {@link AutoCloseable}. */
  @FunctionalInterface
  public interface SourceFactory {
    ObjectSource open(ConnectionOptions connection);
  }

  /**
   * Whether to colour the output: {@code --color} (default true), standard output is a terminal, and
   * {@code NO_COLOR} is not set (any value, even empty, disables colours).
   */
  public boolean colours(boolean colorFlag) {
    return colorFlag && stdoutTerminal && env.apply("NO_COLOR") == null;
  }
}
