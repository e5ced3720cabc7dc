package dev.dpf.dpfctl.cli;

import dev.dpf.dpfctl.Dpfctl;
import dev.dpf.dpfctl.model.Cond;
import dev.dpf.dpfctl.model.Obj;
import dev.dpf.dpfctl.render.Ansi;
import dev.dpf.dpfctl.render.HumanDuration;
import dev.dpf.dpfctl.render.Paragraph;
import dev.dpf.dpfctl.render.TablePrinter;
import dev.dpf.dpfctl.source.ObjectSource;
import dev.dpf.dpfctl.source.Snapshot;
import dev.dpf.dpfctl.tree.RowNames;
import dev.dpf.dpfctl.tree.TreeNode;
import dev.dpf.dpfctl.why.CauseFinder;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dpfctl why <kind>/<name>}: the chain from a not-ready object to the objects that cause it. */
@Command(name = "why", sortOptions = false,
    description = {"Explain why an object is not ready: follow its conditions through the objects it depends on "
        + "(Applications, DPUClusters, BFBs, DPUs, ...) down to the root cause."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  dpfctl why dpuservice/doca-hbn -n dpf-operator-system",
        "  dpfctl why dpu/worker-1-0000-4b-00",
        "  dpfctl why dpudeployment/hbn-only"})
public final class WhyCommand implements Callable<Integer> {

  private final Context context;

  @Parameters(paramLabel = "<kind>/<name>",
      description = "The object, e.g. dpuservice/doca-hbn (kind singular or plural, any case).")
  String object;

  @Option(names = {"-c", "--color"}, arity = "0..1", paramLabel = "<true|false>", defaultValue = "true",
      fallbackValue = "true", description = "Colour the output (default: true; only on a terminal, and never when "
          + "NO_COLOR is set).")
  boolean color = true;

  @Mixin
  ConnectionOptions connection = new ConnectionOptions();

  @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>",
      description = "Namespace of the object. Default: the one namespace that has an object of that kind and name.")
  String namespace;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  public WhyCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ObjectSource source = context.sources().open(connection);
    try {
      // the references cross namespaces (Applications, DPUClusters): only the named object is looked up in -n
      Snapshot snapshot = new Snapshot(source, null);
      Instant now = context.clock().instant();
      CauseFinder finder = new CauseFinder(snapshot, now);
      Obj start;
      try {
        start = finder.find(object, namespace == null || namespace.isBlank() ? null : namespace);
      } catch (IllegalArgumentException e) {
        throw new UsageError(e.getMessage());
      }
      CauseFinder.Explanation explanation = finder.explain(start);
      PrintWriter out = context.out();
      String where = start.namespace().isEmpty() ? "" : " in namespace " + start.namespace();
      if (explanation.ready()) {
        out.println(start.kind() + "/" + start.name() + where + " is Ready.");
        return 0;
      }
      Ansi ansi = Ansi.of(context.colours(color));
      out.print(new TablePrinter(explanation.tree(), now, ansi).render());
      out.println();
      out.println(explanation.rootCauses().size() == 1 ? "Root cause:" : "Root causes:");
      for (TreeNode cause : explanation.rootCauses()) {
        printCause(out, cause, now);
      }
      return 0;
    } finally {
      Dpfctl.closeQuietly(source);
    }
  }

  /** {@code Kind/name in namespace ns: Type=Status (Reason) for 5m} and the message, indented. */
  private static void printCause(PrintWriter out, TreeNode cause, Instant now) {
    Cond c = cause.conditions().stream().filter(x -> !x.isTrue() && !x.isReady()).findFirst()
        .orElse(cause.ready());
    StringBuilder line = new StringBuilder("  ");
    if (cause.deletionTimestamp() != null) {
      line.append(RowNames.DELETION_MARKER).append(' ');
    }
    line.append(cause.kind()).append('/').append(cause.name());
    if (!cause.namespace().isEmpty()) {
      line.append(" in namespace ").append(cause.namespace());
    }
    if (c != null) {
      line.append(": ").append(c.type()).append('=').append(c.status());
      if (!c.reason().isEmpty()) {
        line.append(" (").append(c.reason()).append(')');
      }
      if (c.lastTransitionTime() != null) {
        line.append(" for ").append(HumanDuration.format(Duration.between(c.lastTransitionTime(), now)));
      }
    }
    out.println(line);
    if (!cause.note().isEmpty()) {
      out.println("    " + cause.note());
    }
    if (c != null && !c.message().isEmpty()) {
      for (String l : Paragraph.wrap(c.message(), Paragraph.WIDTH)) {
        out.println(("    " + l).stripTrailing());
      }
    }
  }
}
