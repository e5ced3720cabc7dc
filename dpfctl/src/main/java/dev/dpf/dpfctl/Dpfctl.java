package dev.dpf.dpfctl;

import dev.dpf.dpfctl.cli.ConnectionOptions;
import dev.dpf.dpfctl.cli.Context;
import dev.dpf.dpfctl.cli.DescribeCommand;
import dev.dpf.dpfctl.cli.Terminal;
import dev.dpf.dpfctl.cli.WhyCommand;
import dev.dpf.dpfctl.source.KubernetesObjectSource;
import dev.dpf.dpfctl.source.Kubeconfig;
import dev.dpf.dpfctl.source.ObjectSource;
import dev.dpf.dpfctl.source.YamlObjectSource;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * dpfctl: the DPF troubleshooting CLI. Shows the DPF objects of a cluster as a tree of objects and conditions
 * ({@code describe}) and explains why an object is not ready ({@code why}).
 */
@Command(name = "dpfctl", description = "A CLI tool for the DOCA Platform Framework",
    versionProvider = Dpfctl.Version.class)
public final class Dpfctl implements Runnable {

  /** Exit code of failures (cannot read the cluster, no DPFOperatorConfig, bad arguments of a command). */
  public static final int EXIT_ERROR = 1;

  @Spec
  CommandSpec spec;

  @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print the version and exit.")
  boolean version;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  private final Context context;

  public Dpfctl(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** Runs the command line and returns the exit code. */
  public int execute(String... args) {
    CommandLine cli = new CommandLine(this);
    cli.addSubcommand("describe", new DescribeCommand(context));
    cli.addSubcommand("why", new WhyCommand(context));
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("Error: " + message(e));
      if (context.env().apply("DPFCTL_DEBUG") != null) {
        e.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return EXIT_ERROR;
    });
    int code = cli.execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
  }

  /** The version of this build ({@code Client Version: <version>}). */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Client Version: " + version()};
    }
  }

  /** The project version this jar was built from. */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = Dpfctl.class.getResourceAsStream("/dpfctl-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }

  /** Connects with the kubeconfig conventions of {@link Kubeconfig}, or reads {@code --from-file}. */
  public static ObjectSource openCluster(ConnectionOptions connection) {
    if (connection.fromFile() != null) {
      try {
        return YamlObjectSource.parse(Files.readString(Path.of(connection.fromFile()), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new ObjectSource.SourceException("cannot read " + connection.fromFile() + ": " + e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw new ObjectSource.SourceException(connection.fromFile() + ": " + e.getMessage(), e);
      }
    }
    Kubeconfig.Choice choice = Kubeconfig.system().choose(connection.kubeconfig(), connection.context());
    return new KubernetesObjectSource(new KubernetesClientBuilder().withConfig(Kubeconfig.load(choice)).build());
  }

  /** Closes a source that holds resources (a client). */
  public static void closeQuietly(ObjectSource source) {
    if (source instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // nothing to do: the output is complete
      }
    }
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Context context = new Context(Dpfctl::openCluster, System::getenv, Terminal.stdoutIsTerminal(),
        Clock.systemUTC(), out, err);
    System.exit(new Dpfctl(context).execute(args));
  }
}
