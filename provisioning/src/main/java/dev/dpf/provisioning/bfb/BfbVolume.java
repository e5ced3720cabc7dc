package dev.dpf.provisioning.bfb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The shared BFB volume ({@code /bfb} in a cluster: the PVC named by {@code bfbPVCName}). BFB images live at
 * {@code <dir>/<fileName>}; downloads go to {@code <dir>/bfb-<uid>} and are renamed into place.
 */
public final class BfbVolume {

  private final Path dir;

  public BfbVolume(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path file(String fileName) {
    Path p = dir.resolve(fileName).normalize();
    if (!p.getParent().equals(dir.normalize())) {
      throw new IllegalArgumentException("file name escapes the BFB volume: " + fileName);
    }
    return p;
  }

  /** The temporary file of a download: {@code bfb-<uid>}. */
  public Path tempFile(String uid) {
    return dir.resolve("bfb-" + uid);
  }

  public boolean exists(String fileName) {
    return Files.isRegularFile(file(fileName));
  }

  public void ensureDir() throws IOException {
    Files.createDirectories(dir);
  }

  /** Makes a finished file readable by the DMS pods ({@code 0644}); ignored where POSIX modes are not supported. */
  static void makeReadable(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system
    }
  }
}
