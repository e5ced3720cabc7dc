package dev.dpf.dpfctl.cli;

import dev.dpf.dpfctl.Dpfctl;
import dev.dpf.dpfctl.discover.Discovery;
import dev.dpf.dpfctl.render.Ansi;
import dev.dpf.dpfctl.render.FormattedPrinter;
import dev.dpf.dpfctl.render.TablePrinter;
import dev.dpf.dpfctl.source.ObjectSource;
import dev.dpf.dpfctl.source.Snapshot;
import dev.dpf.dpfctl.tree.ObjectTree;
import dev.dpf.dpfctl.tree.TreeOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpfctl describe all|dpuclusters|dpudeployments|dpusets|dpuservices}. */
@Command(name = "describe", sortOptions = false,
    description = "Describe different kind of subsets of the DPF resources in your cluster.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  # Show only DPUService resources",
        "  dpfctl describe all --show-resources=dpuservice",
        "",
        "  # Show all conditions for DPUService and DPU resources",
        "  dpfctl describe all --show-conditions=dpuservices,dpu",
        "",
        "  # Show conditions for a specific DPU",
        "  dpfctl describe dpusets --show-conditions=dpu/worker-1-0000-4b-00",
        "",
        "  # Show all conditions for all resources",
        "  dpfctl describe all --show-conditions=all",
        "",
        "  # Expand the resources for a DPUService",
        "  dpfctl describe dpuservices --expand-resources=DPUService",
        "",
        "  # Run dpfctl for a different cluster",
        "  dpfctl describe all --kubeconfig /path/to/your/kubeconfig",
        "  KUBECONFIG=/path/to/your/kubeconfig dpfctl describe all"})
public final class DescribeCommand implements Callable<Integer> {

  private final Context context;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "<what>",
      description = "all, dpuclusters, dpudeployments, dpusets or dpuservices.")
  String target;

  @Option(names = "--show-conditions", paramLabel = "<kinds>",
      description = "List of comma separated kind or kind/name for which the command should show all the object's "
          + "conditions (use 'all' to show conditions for everything).")
  String showConditions = "";

  @Option(names = "--show-resources", paramLabel = "<kinds>",
      description = "List of comma separated kind or kind/name for which the command should show all the object's "
          + "resources (default value is 'all').")
  String showResources = "";

  @Option(names = "--expand-resources", paramLabel = "<kinds>",
      description = "List of comma separated kind or kind/name for which the command should show all the object's "
          + "child resources (DPUServices expand to their Argo CD Applications; not-ready DPUServices always do).")
  String expandResources = "";

  @Option(names = "--grouping", arity = "0..1", paramLabel = "<true|false>", defaultValue = "true",
      fallbackValue = "true", description = "Group Ready objects of the same kind and reason (default: true).")
  boolean grouping = true;

  @Option(names = {"-c", "--color"}, arity = "0..1", paramLabel = "<true|false>", defaultValue = "true",
      fallbackValue = "true", description = "Colour the output (default: true; only on a terminal, and never when "
          + "NO_COLOR is set).")
  boolean color = true;

  @Option(names = {"-o", "--output"}, paramLabel = "<format>", defaultValue = "table",
      description = "Output format. One of: table, json, yaml.")
  String output = "table";

  @Mixin
  ConnectionOptions connection = new ConnectionOptions();

  @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>",
      description = "Only show objects of this namespace (the DPFOperatorConfig root is found in any namespace). "
          + "Default: all namespaces.")
  String namespace;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  public DescribeCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (target == null) {
      spec.commandLine().usage(context.out());
      return 0;
    }
    Discovery.checkTarget(target);
    if (!List.of("table", "json", "yaml", "").contains(output)) {
      throw new UsageError("unsupported output format " + output);
    }
    ObjectSource source = context.sources().open(connection);
    try {
      Snapshot snapshot = new Snapshot(source, namespace == null || namespace.isBlank() ? null : namespace);
      TreeOptions options = new TreeOptions(showResources, showConditions, expandResources, grouping);
      ObjectTree tree = new Discovery(snapshot, options, context.clock().instant()).discover(target);
      String text = switch (output) {
        case "json" -> FormattedPrinter.json(tree);
        case "yaml" -> FormattedPrinter.yaml(tree);
        default -> new TablePrinter(tree, context.clock().instant(), Ansi.of(context.colours(color))).render();
      };
      context.out().print(text);
      context.out().flush();
      return 0;
    } finally {
      Dpfctl.closeQuietly(source);
    }
  }
}
