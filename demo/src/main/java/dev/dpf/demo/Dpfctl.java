package dev.dpf.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code dpfctl} (the project's CLI) as a child JVM on the demo's own class path, so its output is exactly what a
 * user gets from {@code dpfctl describe all}.
 */
final class Dpfctl {

  /** Main classes tried in order (the first that exists); {@code -Ddpf.demo.dpfctlMain} overrides. */
  static final List<String> MAIN_CLASSES = List.of("dev.dpf.dpfctl.DpfctlMain", "dev.dpf.dpfctl.Dpfctl",
      "dev.dpf.dpfctl.Main");

  private Dpfctl() {}

  static Optional<String> mainClass() {
    List<String> candidates = new ArrayList<>();
    String override = System.getProperty("dpf.demo.dpfctlMain");
    if (override != null && !override.isBlank()) {
      candidates.add(override.trim());
    }
    candidates.addAll(MAIN_CLASSES);
    for (String name : candidates) {
      try {
        Class.forName(name, false, Dpfctl.class.getClassLoader()).getMethod("main", String[].class);
        return Optional.of(name);
      } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
        // next
      }
    }
    return Optional.empty();
  }

  /** The java command line that runs dpfctl with {@code args}. */
  static List<String> command(String mainClass, Path kubeconfig, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    command.add("--kubeconfig=" + kubeconfig);
    return command;
  }

  /** Runs it and returns its output (stdout and stderr), or why it could not run. */
  static String run(String mainClass, Path kubeconfig, String... args) {
    try {
      Process p = new ProcessBuilder(command(mainClass, kubeconfig, args)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return out + "\n(dpfctl did not finish within 60 s)";
      }
      return p.exitValue() == 0 ? out : out + "\n(dpfctl exited with code " + p.exitValue() + ")";
    } catch (IOException e) {
      return "(cannot run dpfctl: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }
}
