package dev.dpf.agent;

import dev.dpf.agent.host.HostMode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The node agent's main program. Every flag can also be given as an environment variable (shown in --help). It runs
 * until SIGTERM/SIGINT, then stops cleanly (the host configuration is left in place).
 */
@Command(name = "dpf-dpu-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
    description = "DPF node agent: host mode configures the host side of a DPU (SR-IOV VFs, VF0 on br-dpu, MTU) "
        + "and reports it in the DPU's status.")
public final class AgentMain implements Callable<Integer> {

  @Option(names = "--mode", defaultValue = "${env:DPF_AGENT_MODE:-host}",
      description = "host or dpu (env DPF_AGENT_MODE).")
  String mode;

  @Option(names = "--node-name", defaultValue = "${env:NODE_NAME}",
      description = "Name of this Node; set from the downward API spec.nodeName (env NODE_NAME). Required.")
  String nodeName;

  @Option(names = "--kubeconfig", defaultValue = "${env:KUBECONFIG}",
      description = "Kubeconfig file; default: in-cluster configuration, then ~/.kube/config (env KUBECONFIG).")
  Path kubeconfig;

  @Option(names = "--watch-namespaces", split = ",", defaultValue = "${env:DPF_WATCH_NAMESPACES}",
      description = "Comma-separated namespaces of the DPUs to serve; empty = all (env DPF_WATCH_NAMESPACES).")
  List<String> watchNamespaces;

  @Option(names = "--dpfoperatorconfig-namespace", defaultValue = "${env:DPF_OPERATOR_CONFIG_NAMESPACE}",
      description = "Namespace of the DPFOperatorConfig; empty = all namespaces, exactly one must exist "
          + "(env DPF_OPERATOR_CONFIG_NAMESPACE).")
  String operatorConfigNamespace;

  @Option(names = "--sysfs-root", defaultValue = "${env:DPF_SYSFS_ROOT:-/sys}",
      description = "Root of sysfs (env DPF_SYSFS_ROOT).")
  Path sysfsRoot;

  @Option(names = "--netns", defaultValue = "${env:DPF_NETNS}",
      description = "Network namespace for ip commands (ip -n NETNS); empty = the agent's own (env DPF_NETNS).")
  String netns;

  @Option(names = "--ip-command", defaultValue = "${env:DPF_IP_COMMAND:-ip}",
      description = "The iproute2 ip binary (env DPF_IP_COMMAND).")
  String ipCommand;

  @Option(names = "--command-timeout", defaultValue = "${env:DPF_COMMAND_TIMEOUT:-10s}",
      converter = DurationConverter.class, description = "Upper bound of one ip command (env DPF_COMMAND_TIMEOUT).")
  Duration commandTimeout;

  @Option(names = "--resync-period", defaultValue = "${env:DPF_RESYNC_PERIOD:-60s}",
      converter = DurationConverter.class,
      description = "Periodic re-check of each configured DPU, for host drift no watch reports (env DPF_RESYNC_PERIOD).")
  Duration resyncPeriod;

  @Option(names = "--health-probe-bind-address", defaultValue = "${env:DPF_HEALTH_PROBE_BIND_ADDRESS:-:8081}",
      description = "Address of /healthz and /readyz; empty = none (env DPF_HEALTH_PROBE_BIND_ADDRESS).")
  String healthBindAddress;

  @Option(names = "--log-level", defaultValue = "${env:DPF_LOG_LEVEL:-INFO}",
      description = "TRACE, DEBUG, INFO, WARN or ERROR (env DPF_LOG_LEVEL).")
  String logLevel;

  @Option(names = "--log-format", defaultValue = "${env:DPF_LOG_FORMAT:-text}",
      description = "text or json (env DPF_LOG_FORMAT).")
  String logFormat;

  public static void main(String[] args) {
    configureLogging(args);
    System.exit(new CommandLine(new AgentMain()).execute(args));
  }

  /** Logging is configured from system properties (logback.xml), set before the first logger is created. */
  static void configureLogging(String[] args) {
    String level = System.getenv("DPF_LOG_LEVEL");
    String format = System.getenv("DPF_LOG_FORMAT");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--log-level=")) {
        level = arg.substring("--log-level=".length());
      } else if (arg.equals("--log-level") && i + 1 < args.length) {
        level = args[i + 1];
      } else if (arg.startsWith("--log-format=")) {
        format = arg.substring("--log-format=".length());
      } else if (arg.equals("--log-format") && i + 1 < args.length) {
        format = args[i + 1];
      }
    }
    if (level != null && !level.isEmpty()) {
      System.setProperty("DPF_LOG_LEVEL", level.toUpperCase(Locale.ROOT));
    }
    System.setProperty("DPF_LOG_APPENDER", "json".equalsIgnoreCase(format) ? "JSON" : "TEXT");
  }

  /** The agent's mode for a {@code --mode} value. */
  static AgentMode mode(String name) {
    return switch (name) {
      case AgentOptions.MODE_HOST -> new HostMode();
      case AgentOptions.MODE_DPU -> new dev.dpf.agent.dpu.DpuMode();
      default -> throw new IllegalArgumentException("unknown --mode " + name + " (expected host or dpu)");
    };
  }

  /** The options the flags describe (validated). */
  AgentOptions options() {
    if (nodeName == null || nodeName.isBlank()) {
      throw new IllegalArgumentException("--node-name (env NODE_NAME) is required");
    }
    Set<String> namespaces = new LinkedHashSet<>();
    if (watchNamespaces != null) {
      watchNamespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(namespaces::add);
    }
    return new AgentOptions(mode, nodeName.trim(), namespaces, operatorConfigNamespace, sysfsRoot, netns, ipCommand,
        commandTimeout, resyncPeriod, healthBindAddress == null || healthBindAddress.isEmpty() ? null
            : healthBindAddress);
  }

  @Override
  public Integer call() throws Exception {
    AgentOptions options;
    AgentMode agentMode;
    try {
      options = options();
      agentMode = mode(options.mode());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    Config config;
    try {
      config = clientConfig();
    } catch (IOException e) {
      System.err.println("cannot read the kubeconfig " + kubeconfig + ": " + e);
      return 2;
    }
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    Agent agent;
    try {
      agent = Agent.start(client, options, agentMode);
    } catch (Exception e) {
      LoggerFactory.getLogger(AgentMain.class).atError().setCause(e).log("the node agent could not start");
      client.close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      client.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }

  private Config clientConfig() throws IOException {
    if (kubeconfig != null && !kubeconfig.toString().isEmpty()) {
      return Config.fromKubeconfig(Files.readString(kubeconfig));
    }
    return Config.autoConfigure(null);
  }

  /** Go-style durations ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}) or ISO-8601 ({@code PT10S}). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern GO = Pattern.compile("^(\\d+)(ms|s|m|h)$");

    @Override
    public Duration convert(String value) {
      String v = value.trim();
      Matcher m = GO.matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(v);
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException("invalid duration '" + value + "' (e.g. 10s, 5m, PT10S)");
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = AgentMain.class.getPackage().getImplementationVersion();
      return new String[] {"dpf-dpu-agent " + (version == null ? "dev" : version)};
    }
  }
}
