package dev.dpf.dpfctl.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finds the cluster to talk to with kubectl's and controller-runtime's conventions, in this order:
 * <ol>
 *   <li>{@code --kubeconfig <file>};</li>
 *   <li>the {@code KUBECONFIG} environment variable (a list of files separated by the path separator; the first
 *       existing file that has the requested context, or the first existing file);</li>
 *   <li>in-cluster configuration (a Pod's service account: {@code KUBERNETES_SERVICE_HOST} and the token file);</li>
 *   <li>{@code ~/.kube/config}.</li>
 * </ol>
 * {@code --context} selects a context of the kubeconfig file instead of its {@code current-context}.
 */
public final class Kubeconfig {

  /** Where the service-account token of a Pod is mounted. */
  public static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

  private static final YAMLMapper YAML = new YAMLMapper();

  /** How the configuration was found (for messages and tests). */
  public enum Origin { FLAG, KUBECONFIG_ENV, IN_CLUSTER, HOME }

  /** The chosen configuration: a kubeconfig file (null for in-cluster) and the context to use (null = current). */
  public record Choice(Origin origin, Path file, String context) {}

  private final Function<String, String> env;
  private final Path home;
  private final Path serviceAccountToken;

  public Kubeconfig(Function<String, String> env, Path home, Path serviceAccountToken) {
    this.env = env;
    this.home = home;
    this.serviceAccountToken = serviceAccountToken;
  }

  /** The process environment, {@code $HOME} (else {@code user.home}) and the standard token path. */
  public static Kubeconfig system() {
    String home = System.getenv("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home", "/");
    }
    return new Kubeconfig(System::getenv, Path.of(home), Path.of(SERVICE_ACCOUNT_TOKEN));
  }

  /** Chooses the configuration; {@code kubeconfigFlag} and {@code context} may be null. */
  public Choice choose(String kubeconfigFlag, String context) {
    if (kubeconfigFlag != null && !kubeconfigFlag.isBlank()) {
      Path file = Path.of(kubeconfigFlag);
      if (!Files.isRegularFile(file)) {
        throw new ObjectSource.SourceException("stat " + kubeconfigFlag + ": no such file or directory");
      }
      checkContext(file, context);
      return new Choice(Origin.FLAG, file, context);
    }
    String list = env.apply("KUBECONFIG");
    if (list != null && !list.isBlank()) {
      List<Path> existing = new ArrayList<>();
      for (String part : list.split(File.pathSeparator)) {
        if (!part.isBlank() && Files.isRegularFile(Path.of(part))) {
          existing.add(Path.of(part));
        }
      }
      if (existing.isEmpty()) {
        throw new ObjectSource.SourceException("KUBECONFIG=" + list + ": no such file or directory");
      }
      if (context != null && !context.isBlank()) {
        for (Path file : existing) {
          if (contexts(file).contains(context)) {
            return new Choice(Origin.KUBECONFIG_ENV, file, context);
          }
        }
        throw new ObjectSource.SourceException("context \"" + context + "\" does not exist");
      }
      return new Choice(Origin.KUBECONFIG_ENV, existing.get(0), null);
    }
    String host = env.apply("KUBERNETES_SERVICE_HOST");
    if (host != null && !host.isBlank() && env.apply("KUBERNETES_SERVICE_PORT") != null
        && Files.isRegularFile(serviceAccountToken)) {
      return new Choice(Origin.IN_CLUSTER, null, null);
    }
    Path homeConfig = home.resolve(".kube").resolve("config");
    if (Files.isRegularFile(homeConfig)) {
      checkContext(homeConfig, context);
      return new Choice(Origin.HOME, homeConfig, context);
    }
    throw new ObjectSource.SourceException("no kubeconfig found: use --kubeconfig, set KUBECONFIG, run in a Pod, "
        + "or create " + homeConfig);
  }

  /** The fabric8 configuration of a choice. */
  public static Config load(Choice choice) {
    if (choice.origin() == Origin.IN_CLUSTER) {
      String previous = System.getProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY);
      System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
      try {
        return Config.autoConfigure(null);
      } finally {
        if (previous == null) {
          System.clearProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY);
        } else {
          System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, previous);
        }
      }
    }
    return Config.fromKubeconfig(choice.context(), choice.file().toFile());
  }

  private static void checkContext(Path file, String context) {
    if (context != null && !context.isBlank() && !contexts(file).contains(context)) {
      throw new ObjectSource.SourceException("context \"" + context + "\" does not exist");
    }
  }

  private static List<String> contexts(Path file) {
    List<String> names = new ArrayList<>();
    try {
      JsonNode root = YAML.readTree(file.toFile());
      if (root != null) {
        for (JsonNode context : root.path("contexts")) {
          names.add(context.path("name").asText());
        }
      }
    } catch (IOException e) {
      throw new ObjectSource.SourceException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
    }
    return names;
  }
}
