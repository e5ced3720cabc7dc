package dev.dpf.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cleans up after a demo process that could not stop its children (killed with SIGKILL, machine crash): every run
 * writes its process id to {@value #PID_FILE} in its work directory; a later run finds work directories whose
 * process is gone and stops the processes started for them (control plane, kwok, {@code ip monitor}: their command
 * lines name that directory or that run's network namespaces), then deletes the directory. Nothing else is touched.
 */
final class StaleRuns {

  static final String PID_FILE = "demo.pid";
  static final String TEMP_PREFIX = "dpf-demo-";

  private StaleRuns() {}

  /** Records this process as the owner of {@code workDir}. */
  static void claim(Path workDir) throws IOException {
    Files.writeString(workDir.resolve(PID_FILE), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
  }

  /** Cleans the stale runs among {@code candidates} (work directories); returns what was done, one line each. */
  static List<String> clean(List<Path> candidates) {
    List<String> done = new ArrayList<>();
    for (Path dir : candidates) {
      Long owner = owner(dir);
      if (owner == null || owner == ProcessHandle.current().pid()
          || ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
        continue;
      }
      String dirMark = dir.toAbsolutePath() + "/";
      String netnsMark = HostNetworks.NETNS_PREFIX + owner + "-";
      List<ProcessHandle> orphans = ProcessHandle.allProcesses()
          .filter(p -> p.pid() != ProcessHandle.current().pid())
          .filter(p -> p.info().commandLine().map(c -> c.contains(dirMark) || c.contains(netnsMark)).orElse(false))
          .toList();
      orphans.forEach(ProcessHandle::destroy);
      for (ProcessHandle p : orphans) {
        try {
          p.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          p.destroyForcibly();
        }
      }
      deleteRecursively(dir);
      done.add("work directory " + dir + " of process " + owner + " (gone): stopped " + orphans.size()
          + " process(es) it had started, removed the directory");
    }
    return done;
  }

  /** The demo work directories in the temporary directory ({@value #TEMP_PREFIX}*). */
  static List<Path> temporaryWorkDirs() {
    List<Path> dirs = new ArrayList<>();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(tmp, TEMP_PREFIX + "*")) {
      stream.forEach(dirs::add);
    } catch (IOException e) {
      // nothing to clean
    }
    return dirs;
  }

  private static Long owner(Path dir) {
    try {
      return Long.parseLong(Files.readString(dir.resolve(PID_FILE), StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
