package dev.dpf.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed CRDs (config/crd/bases and the Helm chart's crds/) equal what the build generates from the Java
 * model. With {@code -Ddpf.updateCrds=true} (hack/update-crds.sh) the test rewrites them instead.
 */
class CrdFilesUpToDateTest {

  static final Path ROOT = Path.of(System.getProperty("dpf.root", "..")).toAbsolutePath().normalize();
  static final Path GENERATED = Path.of("target/crds").toAbsolutePath();
  static final Path[] COMMITTED = {ROOT.resolve("config/crd/bases"), ROOT.resolve("charts/dpf-operator/crds")};

  @Test
  void committedCrdsMatchTheModel() throws IOException {
    Map<String, String> generated = read(GENERATED);
    assertThat(generated).as("generated CRDs in " + GENERATED).isNotEmpty();
    for (Path dir : COMMITTED) {
      if (Boolean.getBoolean("dpf.updateCrds")) {
        write(dir, generated);
      }
      assertThat(read(dir))
          .as("%s is stale: run hack/update-crds.sh and commit the result", ROOT.relativize(dir))
          .isEqualTo(generated);
    }
  }

  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return files;
  }

  private static void write(Path dir, Map<String, String> files) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.delete(p);
      }
    }
    for (Map.Entry<String, String> e : files.entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
  }
}
