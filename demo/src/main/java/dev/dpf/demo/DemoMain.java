package dev.dpf.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hack/demo.sh}: runs the product locally on simulated hosts and DPUs (see docs/user-guide/demo.md). */
@Command(name = "dpf-demo", mixinStandardHelpOptions = true,
    description = {"Runs DPF locally: a local control plane (host cluster + DPU clusters), simulated hosts (kwok) with "
        + "simulated BlueField DPUs (DMS simulators), the operator, and the sample manifests; prints progress until "
        + "everything is Ready, then `dpfctl describe all`.",
        "Exit code: 0 everything Ready (or the injected failure shown), 1 not Ready before the timeout, 2 error."})
public final class DemoMain implements Callable<Integer> {

  @Option(names = "--hosts", defaultValue = "3", description = "Simulated host Nodes, one DPU each (default 3).")
  int hosts;

  @Option(names = "--dpu-clusters", defaultValue = "1", description = "DPU clusters (default 1).")
  int dpuClusters;

  @Option(names = "--fail", split = ",", paramLabel = "KIND",
      description = "Inject failures (repeatable or comma-separated): dms-unreachable, install-error, reboot-failure, "
          + "host-reboot-failure, host-network (the first DPU/host), bfb-404 (every DPU).")
  List<String> fail;

  @Option(names = "--keep-running", description = "Stay up after the run (prints KUBECONFIG and commands); Ctrl-C stops.")
  boolean keepRunning;

  @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
      description = "How long to wait for everything to become Ready (default 300).")
  long timeoutSeconds;

  @Option(names = "--host-network", defaultValue = "auto",
      description = "real (network namespaces + the real host agent; needs root and iproute2), stand-in, or auto "
          + "(real when possible; default).")
  String hostNetwork;

  @Option(names = "--samples", paramLabel = "DIR", description = "Manifests to apply instead of config/samples.")
  Path samples;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Work directory (default: a new temporary one).")
  Path workDir;

  @Option(names = "--keep-work-dir", description = "Keep the work directory (logs, kubeconfigs) after stopping.")
  boolean keepWorkDir;

  @Option(names = "--bfb-mib", defaultValue = "8", description = "Size of the generated BFB in MiB (default 8).")
  int bfbMib;

  private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

  public static void main(String[] args) {
    int code = new CommandLine(new DemoMain()).execute(args);
    if (!SHUTTING_DOWN.get()) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws Exception {
    Set<Failure> failures = new LinkedHashSet<>();
    DemoOptions options;
    try {
      if (fail != null) {
        fail.stream().filter(f -> !f.isBlank()).map(Failure::parse).forEach(failures::add);
      }
      Path dir = workDir != null ? workDir.toAbsolutePath() : Files.createTempDirectory(StaleRuns.TEMP_PREFIX);
      options = new DemoOptions(hosts, dpuClusters, failures, keepRunning, Duration.ofSeconds(timeoutSeconds),
          hostNetwork, samples, dir, keepWorkDir, (long) bfbMib * 1024 * 1024, System.out);
      configureLogging(dir);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    Demo demo = new Demo(options);
    Thread hook = new Thread(() -> {
      SHUTTING_DOWN.set(true);
      System.out.println("stopping (Ctrl-C): operator, agents, simulators, kwok, control plane, network namespaces");
      demo.close();
      System.out.println("stopped");
    }, "dpf-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    int code;
    try {
      Demo.Result result = demo.run();
      code = result.settled() ? 0 : 1;
    } catch (Exception e) {
      if (SHUTTING_DOWN.get()) {
        return 130;
      }
      System.out.println("demo failed: " + e);
      demo.keepWorkDir();
      System.out.println("logs (kept): " + options.workDir().resolve("demo.log"));
      code = 2;
    }
    if (!SHUTTING_DOWN.get()) {
      System.out.println("stopping: operator, agents, simulators, kwok, control plane"
          + (options.keepWorkDir() ? "" : ", work directory"));
      demo.close();
      Runtime.getRuntime().removeShutdownHook(hook);
      System.out.println("stopped" + (options.keepWorkDir() ? "; logs and kubeconfigs kept in " + options.workDir()
          : ""));
    }
    return code;
  }

  /** Logs go to {@code <work dir>/demo.log}; set before the first logger exists. */
  static void configureLogging(Path workDir) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "dpf-demo-logback.xml");
    }
    System.setProperty("DPF_DEMO_LOG", workDir.resolve("demo.log").toString());
  }
}
