package dev.dpf.common.rbac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Collects the {@link Rbac} annotations of the classes under a package and renders them as ClusterRole rules: one
 * rule per API group and verb set, resources sorted, deterministic output (the chart and config/rbac are generated
 * from it and compared by a test).
 */
public final class RbacRules {

  /** One rendered rule. */
  public record Rule(String group, List<String> resources, List<String> verbs) {}

  private RbacRules() {}

  /** The rules needed by every class under {@code packagePrefix} (e.g. {@code dev.dpf}) on the class loader. */
  public static List<Rule> scan(ClassLoader loader, String packagePrefix, Set<String> excludedPackages) {
    Map<String, Map<String, Set<String>>> byGroup = new TreeMap<>();
    for (Class<?> type : classes(loader, packagePrefix)) {
      if (excludedPackages.stream().anyMatch(p -> type.getName().startsWith(p))) {
        continue;
      }
      for (Rbac rbac : type.getAnnotationsByType(Rbac.class)) {
        Map<String, Set<String>> resources = byGroup.computeIfAbsent(rbac.group(), g -> new TreeMap<>());
        for (String resource : rbac.resources()) {
          resources.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(rbac.verbs()));
        }
      }
    }
    List<Rule> rules = new ArrayList<>();
    byGroup.forEach((group, resources) -> {
      Map<Set<String>, List<String>> byVerbs = new LinkedHashMap<>();
      resources.forEach((resource, verbs) -> byVerbs.computeIfAbsent(verbs, v -> new ArrayList<>()).add(resource));
      byVerbs.forEach((verbs, names) -> rules.add(new Rule(group, List.copyOf(names), List.copyOf(verbs))));
    });
    return rules;
  }

  /** The rules as the YAML list that goes under a ClusterRole's {@code rules:}. */
  public static String toYaml(List<Rule> rules) {
    StringBuilder out = new StringBuilder();
    for (Rule rule : rules) {
      out.append("- apiGroups: [\"").append(rule.group()).append("\"]\n");
      out.append("  resources: [").append(quoted(rule.resources())).append("]\n");
      out.append("  verbs: [").append(quoted(rule.verbs())).append("]\n");
    }
    return out.toString();
  }

  private static String quoted(List<String> values) {
    return String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList());
  }

  private static List<Class<?>> classes(ClassLoader loader, String packagePrefix) {
    String dir = packagePrefix.replace('.', '/');
    List<String> names = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(dir))) {
        if ("file".equals(url.getProtocol())) {
          Path root = Path.of(url.toURI());
          Path base = root;
          for (int i = 0; i < dir.split("/").length; i++) {
            base = base.getParent();
          }
          Path classesRoot = base;
          try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".class"))
                .forEach(p -> names.add(classesRoot.relativize(p).toString()));
          }
        } else if ("jar".equals(url.getProtocol())) {
          JarURLConnection connection = (JarURLConnection) url.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
              if (entry.getName().startsWith(dir + "/") && entry.getName().endsWith(".class")) {
                names.add(entry.getName());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String name : new TreeSet<>(names)) {
      String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
      try {
        classes.add(Class.forName(className, false, loader));
      } catch (ClassNotFoundException | LinkageError e) {
        // not loadable in this context (e.g. optional dependency): it cannot be running either
      }
    }
    return classes;
  }
}
