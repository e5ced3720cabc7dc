package dev.dpf.dpfctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.dpfctl.cli.Context;
import dev.dpf.dpfctl.source.YamlObjectSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: each folder of {@code src/test/resources/golden/} is a case with {@code objects.yaml} (the recorded
 * objects; or {@code objects-from.txt} naming another case whose objects to use), {@code args.txt} (the command
 * line, whitespace-separated) and {@code expected.txt} (standard output, then standard error, then
 * {@code [exit N]} when the exit code is not 0). The objects are served by an in-memory source; the clock is
 * {@link #NOW}; standard output is not a terminal, so there are no colours.
 *
 * <p>{@code -Ddpfctl.updateGolden=true} rewrites the expected files (review the diff before committing).
 */
class GoldenTest {

  /** "Now" of every case: the fixtures' times are relative to it. */
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TestFactory
  Stream<DynamicTest> golden() throws IOException {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      cases = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases).isNotEmpty();
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private static void check(Path dir) throws IOException {
    String actual = run(objects(dir), args(dir));
    Path expectedFile = dir.resolve("expected.txt");
    if (Boolean.getBoolean("dpfctl.updateGolden")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual).as("output of %s (args: %s)", dir.getFileName(), String.join(" ", args(dir)))
        .isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
  }

  /** The objects of a case, following {@code objects-from.txt}. */
  static String objects(Path dir) throws IOException {
    Path from = dir.resolve("objects-from.txt");
    if (Files.exists(from)) {
      return objects(dir.resolveSibling(Files.readString(from).strip()));
    }
    return Files.readString(dir.resolve("objects.yaml"), StandardCharsets.UTF_8);
  }

  static List<String> args(Path dir) throws IOException {
    List<String> args = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("args.txt"), StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.strip().startsWith("#")) {
        args.addAll(Arrays.asList(line.strip().split("\\s+")));
      }
    }
    return args;
  }

  /** Runs dpfctl on recorded objects; returns stdout + stderr + the exit code line when not 0. */
  static String run(String objectsYaml, List<String> args) {
    YamlObjectSource source = YamlObjectSource.parse(objectsYaml);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Context context = new Context(connection -> source, (System.getenv("DPFCTL_DEBUG") == null ? Map.<String, String>of() : Map.of("DPFCTL_DEBUG", "1"))::get, false,
        Clock.fixed(NOW, ZoneOffset.UTC), new PrintWriter(out), new PrintWriter(err));
    int code = new Dpfctl(context).execute(args.toArray(String[]::new));
    return out + err.toString() + (code == 0 ? "" : "[exit " + code + "]\n");
  }
}
