package dev.dpf.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the YAML fixtures under src/test/resources. */
final class TestResources {

  private TestResources() {}

  /** Every .yaml file below the class-path folder {@code dir}, sorted. */
  static List<Path> yamlFiles(String dir) {
    URL url = TestResources.class.getClassLoader().getResource(dir);
    if (url == null) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(Path.of(url.toURI()))) {
      return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The documents of a multi-document YAML file (empty documents dropped). */
  static List<String> documents(Path file) {
    try {
      String text = Files.readString(file);
      List<String> docs = new ArrayList<>();
      for (String part : text.split("(?m)^---[ \\t]*$")) {
        if (part.lines().anyMatch(l -> !l.isBlank() && !l.trim().startsWith("#"))) {
          docs.add(part);
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String relative(Path file, String dir) {
    String s = file.toString().replace('\\', '/');
    int i = s.indexOf("/" + dir + "/");
    return i < 0 ? s : s.substring(i + dir.length() + 2);
  }
}
