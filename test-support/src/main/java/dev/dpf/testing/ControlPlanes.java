package dev.dpf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The control planes of one JVM: a shared etcd, the host cluster ({@code host}) and any number of DPU clusters
 * ({@code dpu-1}, {@code dpu-2}, ...), each started on first use with all CRDs on the class path installed, and all
 * stopped when the JVM exits.
 */
public final class ControlPlanes implements AutoCloseable {

  private static ControlPlanes shared;

  private final Path workDir;
  private Etcd etcd;
  private final Map<String, LocalControlPlane> planes = new LinkedHashMap<>();

  public ControlPlanes(Path workDir) {
    this.workDir = workDir;
  }

  /** The JVM-wide instance. */
  public static synchronized ControlPlanes shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("dpf-control-plane-");
        shared = new ControlPlanes(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "dpf-control-planes-stop"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** The host cluster (with a controller manager). */
  public LocalControlPlane host() {
    return plane("host");
  }

  /** The {@code index}-th DPU cluster (1-based), a separate API server on the same etcd. */
  public LocalControlPlane dpuCluster(int index) {
    return plane("dpu-" + index);
  }

  /** The named control plane, started on first use. */
  public synchronized LocalControlPlane plane(String name) {
    LocalControlPlane plane = planes.get(name);
    if (plane == null) {
      if (etcd == null) {
        etcd = Etcd.start(workDir);
      }
      plane = LocalControlPlane.start(name, etcd, workDir.resolve(name), true);
      plane.installCrds(Crds.all());
      planes.put(name, plane);
    }
    return plane;
  }

  public synchronized List<LocalControlPlane> started() {
    return new ArrayList<>(planes.values());
  }

  public Path workDir() {
    return workDir;
  }

  @Override
  public synchronized void close() {
    List<LocalControlPlane> all = new ArrayList<>(planes.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).close();
    }
    planes.clear();
    if (etcd != null) {
      etcd.close();
      etcd = null;
    }
    if (!Boolean.getBoolean("dpf.keepControlPlaneLogs")) {
      deleteRecursively(workDir);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
