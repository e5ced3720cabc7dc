package dev.dpf.demo;

import dev.dpf.dpfctl.cli.Context;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs {@code dpfctl} (the project's CLI) in-process with the same command line a user types, so its output is
 * exactly what {@code dpfctl describe all} shows.
 */
final class Dpfctl {

  private Dpfctl() {}

  /** Runs {@code dpfctl <args> --kubeconfig=<kubeconfig>} and returns what it printed (stdout, then stderr). */
  static String run(Path kubeconfig, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] line = new String[args.length + 1];
    System.arraycopy(args, 0, line, 0, args.length);
    line[args.length] = "--kubeconfig=" + kubeconfig;
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      Context context = new Context(dev.dpf.dpfctl.Dpfctl::openCluster, name -> null, false, Clock.systemUTC(), o, e);
      code = new dev.dpf.dpfctl.Dpfctl(context).execute(line);
    }
    String text = out.toString() + err;
    return code == 0 ? text : text + "(dpfctl exited with code " + code + ")\n";
  }

  /** How a user runs the same command with the jar the build produces. */
  static String commandLine(Path kubeconfig, String... args) {
    return "java -jar dpfctl/target/dpfctl.jar " + String.join(" ", args) + " --kubeconfig=" + kubeconfig;
  }
}
