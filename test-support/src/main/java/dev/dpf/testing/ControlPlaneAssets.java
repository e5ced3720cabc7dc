package dev.dpf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the control-plane binaries (kube-apiserver, etcd, kube-controller-manager, kubectl, kwok), the way envtest
 * does: {@code KUBEBUILDER_ASSETS} wins when it holds them; otherwise {@code hack/control-plane-bin.sh} is asked
 * for its cache folder, which builds them from Go modules the first time.
 */
public final class ControlPlaneAssets {

  private static volatile Path resolved;

  private ControlPlaneAssets() {}

  /** The folder holding the binaries. */
  public static Path dir() {
    Path dir = resolved;
    if (dir == null) {
      synchronized (ControlPlaneAssets.class) {
        if (resolved == null) {
          resolved = resolve();
        }
        dir = resolved;
      }
    }
    return dir;
  }

  public static Path binary(String name) {
    return dir().resolve(name);
  }

  /** Whether the binaries are present without building anything. */
  public static boolean available() {
    String env = System.getenv("KUBEBUILDER_ASSETS");
    if (env != null && Files.isExecutable(Path.of(env, "kube-apiserver"))) {
      return true;
    }
    try {
      return Files.isExecutable(dir().resolve("kube-apiserver"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The repository root: system property {@code dpf.root}, else the nearest parent with hack/. */
  public static Path repoRoot() {
    String prop = System.getProperty("dpf.root");
    if (prop != null && Files.isDirectory(Path.of(prop, "hack"))) {
      return Path.of(prop);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isRegularFile(p.resolve("hack/control-plane-bin.sh"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("cannot find the repository root (hack/control-plane-bin.sh)");
  }

  private static Path resolve() {
    String env = System.getenv("KUBEBUILDER_ASSETS");
    if (env != null && Files.isExecutable(Path.of(env, "kube-apiserver")) && Files.isExecutable(Path.of(env, "etcd"))) {
      return Path.of(env);
    }
    Path script = repoRoot().resolve("hack/control-plane-bin.sh");
    try {
      Process process = new ProcessBuilder("bash", script.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      int rc = process.waitFor();
      if (rc != 0 || out.isEmpty()) {
        throw new IllegalStateException(script + " failed with exit code " + rc);
      }
      String[] lines = out.split("\n");
      return Path.of(lines[lines.length - 1].trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
