package dev.dpf.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the same control planes the tests use, for people: {@code LocalClusterMain <work dir> [dpu clusters]}.
 * Writes {@code <work dir>/<name>.kubeconfig} for each plane, prints their paths, and runs until the file
 * {@code <work dir>/stop} appears or the process is terminated.
 */
public final class LocalClusterMain {

  private LocalClusterMain() {}

  public static void main(String[] args) throws Exception {
    Path workDir = Path.of(args[0]).toAbsolutePath();
    int dpuClusters = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    Files.createDirectories(workDir);
    Files.deleteIfExists(workDir.resolve("stop"));
    ControlPlanes planes = new ControlPlanes(workDir.resolve("planes"));
    Runtime.getRuntime().addShutdownHook(new Thread(planes::close));
    write(workDir, planes.host());
    for (int i = 1; i <= dpuClusters; i++) {
      write(workDir, planes.dpuCluster(i));
    }
    Files.writeString(workDir.resolve("ready"), "ok\n");
    System.out.println("ready");
    while (!Files.exists(workDir.resolve("stop"))) {
      Thread.sleep(500);
    }
    planes.close();
    Files.deleteIfExists(workDir.resolve("ready"));
  }

  private static void write(Path workDir, LocalControlPlane plane) throws Exception {
    Path file = workDir.resolve(plane.name() + ".kubeconfig");
    Files.writeString(file, plane.adminKubeconfig());
    System.out.println(plane.name() + " " + plane.url() + " kubeconfig=" + file);
  }
}
