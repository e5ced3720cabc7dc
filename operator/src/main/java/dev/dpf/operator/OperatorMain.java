package dev.dpf.operator;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorSettings;
import dev.dpf.dpuservice.DpuServiceModule;
import dev.dpf.operator.config.OperatorConfigModule;
import dev.dpf.operator.config.OperatorConfigOptions;
import dev.dpf.operator.config.ReleaseDefaults;
import dev.dpf.provisioning.ProvisioningModule;
import dev.dpf.servicechain.ServiceChainModule;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The operator's main program. Every flag can also be given as an environment variable (shown in --help); both
 * are a compatibility promise, like the CRDs.
 */
@Command(name = "dpf-operator", mixinStandardHelpOptions = true, versionProvider = OperatorMain.Version.class,
    description = "Runs the DPF controllers (provisioning, DPU services, service chains) in one process.")
public final class OperatorMain implements Callable<Integer> {

  @Option(names = "--kubeconfig", defaultValue = "${env:KUBECONFIG}",
      description = "Kubeconfig file; default: in-cluster configuration, then ~/.kube/config (env KUBECONFIG).")
  Path kubeconfig;

  @Option(names = "--operator-namespace", defaultValue = "${env:DPF_OPERATOR_NAMESPACE:-dpf-operator-system}",
      description = "Namespace of the DPFOperatorConfig and of the lease (env DPF_OPERATOR_NAMESPACE).")
  String operatorNamespace;

  @Option(names = "--watch-namespaces", split = ",", defaultValue = "${env:DPF_WATCH_NAMESPACES}",
      description = "Comma-separated namespaces to reconcile; empty = all (env DPF_WATCH_NAMESPACES).")
  List<String> watchNamespaces;

  @Option(names = "--bfb-dir", defaultValue = "${env:DPF_BFB_DIR:-/bfb}",
      description = "Folder of the BFB volume (env DPF_BFB_DIR).")
  Path bfbDir;

  @Option(names = "--config-namespace", defaultValue = "${env:DPF_CONFIG_NAMESPACE}",
      description = "Namespace of the singleton DPFOperatorConfig; default: the operator namespace "
          + "(env DPF_CONFIG_NAMESPACE).")
  String configNamespace;

  @Option(names = "--config-name", defaultValue = "${env:DPF_CONFIG_NAME:-dpfoperatorconfig}",
      description = "Name of the singleton DPFOperatorConfig (env DPF_CONFIG_NAME).")
  String configName;

  @Option(names = "--bfb-pvc-name", defaultValue = "${env:DPF_BFB_PVC_NAME}",
      description = "Claim of the BFB volume mounted at --bfb-dir (empty: an emptyDir; unset: not checked); must "
          + "equal spec.provisioningController.bfbPVCName (env DPF_BFB_PVC_NAME).")
  String bfbPvcName;

  @Option(names = "--leader-elect", negatable = true, defaultValue = "${env:DPF_LEADER_ELECT:-true}",
      description = "Elect a leader on a Lease before reconciling (env DPF_LEADER_ELECT).")
  boolean leaderElect;

  @Option(names = "--lease-name", defaultValue = "${env:DPF_LEASE_NAME:-dpf-operator-leader}",
      description = "Name of the leader-election Lease (env DPF_LEASE_NAME).")
  String leaseName;

  @Option(names = "--metrics-bind-address", defaultValue = "${env:DPF_METRICS_BIND_ADDRESS:-:8080}",
      description = "Address of the Prometheus /metrics endpoint (env DPF_METRICS_BIND_ADDRESS).")
  String metricsBindAddress;

  @Option(names = "--health-probe-bind-address", defaultValue = "${env:DPF_HEALTH_PROBE_BIND_ADDRESS:-:8081}",
      description = "Address of /healthz and /readyz (env DPF_HEALTH_PROBE_BIND_ADDRESS).")
  String healthBindAddress;

  @Option(names = "--log-level", defaultValue = "${env:DPF_LOG_LEVEL:-INFO}",
      description = "TRACE, DEBUG, INFO, WARN or ERROR (env DPF_LOG_LEVEL).")
  String logLevel;

  @Option(names = "--log-format", defaultValue = "${env:DPF_LOG_FORMAT:-text}",
      description = "text or json (env DPF_LOG_FORMAT).")
  String logFormat;

  public static void main(String[] args) {
    // logging is configured from system properties, set before the first logger is created
    for (String arg : args) {
      if (arg.startsWith("--log-level=")) {
        System.setProperty("DPF_LOG_LEVEL", arg.substring("--log-level=".length()).toUpperCase());
      } else if (arg.startsWith("--log-format=")) {
        System.setProperty("DPF_LOG_APPENDER", "json".equals(arg.substring("--log-format=".length())) ? "JSON" : "TEXT");
      }
    }
    if (System.getProperty("DPF_LOG_APPENDER") == null && "json".equals(System.getenv("DPF_LOG_FORMAT"))) {
      System.setProperty("DPF_LOG_APPENDER", "JSON");
    }
    System.exit(new CommandLine(new OperatorMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig()).build();
    Set<String> namespaces = new LinkedHashSet<>();
    if (watchNamespaces != null) {
      watchNamespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(namespaces::add);
    }
    OperatorSettings settings = OperatorSettings.defaults()
        .withOperatorNamespace(operatorNamespace)
        .withWatchNamespaces(namespaces)
        .withBfbDir(bfbDir);
    ReleaseDefaults release;
    try {
      release = ReleaseDefaults.fromEnvironment(System.getenv()).validate();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      client.close();
      return 2;
    }
    OperatorConfigOptions config = OperatorConfigOptions.defaults()
        .withConfig(configNamespace, configName)
        .withBfbPvcName(bfbPvcName)
        .withRelease(release);
    DpfOperator.Options options = new DpfOperator.Options(settings, leaderElect, leaseName, identity(), true,
        metricsBindAddress, healthBindAddress, modules(config));
    DpfOperator operator = DpfOperator.start(client, options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      client.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }

  /** The controller families, in registration order, with the default DPFOperatorConfig options. */
  public static List<ControllerModule> modules() {
    return modules(OperatorConfigOptions.defaults());
  }

  /** The controller families, in registration order; the DPFOperatorConfig controller first. */
  public static List<ControllerModule> modules(OperatorConfigOptions config) {
    return List.of(new OperatorConfigModule(config), new ProvisioningModule(), new DpuServiceModule(),
        new ServiceChainModule());
  }

  private Config clientConfig() throws Exception {
    if (kubeconfig != null && !kubeconfig.toString().isEmpty()) {
      return Config.fromKubeconfig(Files.readString(kubeconfig));
    }
    return Config.autoConfigure(null);
  }

  private static String identity() {
    String pod = System.getenv("POD_NAME");
    if (pod != null && !pod.isEmpty()) {
      return pod;
    }
    try {
      return InetAddress.getLocalHost().getHostName() + "_" + UUID.randomUUID();
    } catch (Exception e) {
      return "dpf-operator_" + UUID.randomUUID();
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = OperatorMain.class.getPackage().getImplementationVersion();
      return new String[] {"dpf-operator " + (version == null ? "dev" : version)};
    }
  }

  static List<String> argsList(String[] args) {
    return Arrays.asList(args);
  }
}
