package dev.dpf.common.testing.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/** A benchmark's result table (rows of name and value, printed as Markdown) and the small helpers benchmarks share. */
public final class Report {

  private final String title;
  private final List<String[]> rows = new ArrayList<>();

  public Report(String title) {
    this.title = title;
  }

  public Report row(String name, String value) {
    rows.add(new String[] {name, value});
    return this;
  }

  public Report row(String name, String format, Object... args) {
    return row(name, String.format(format, args));
  }

  /** A section heading inside the table. */
  /** The rows of one API server's requests during a window: mutations and reads, each with its breakdown. */
  public Report apiRequests(String plane, ApiRequests requests) {
    row(plane + " API server: mutations (all clients)", "%d: %s", requests.mutations(),
        requests.mutationBreakdown());
    return row(plane + " API server: reads (GET+LIST)", "%d: %s", requests.reads(), requests.readBreakdown());
  }

  /** Up to six examples of the writes the watchers saw (changed fields), or "none". */
  public Report writeExamples(Collection<ObjectWrites> writes) {
    List<String> examples = new ArrayList<>();
    writes.forEach(w -> w.examples().forEach(e -> examples.add(w.label() + " " + e)));
    return row("examples of idle writes (changed fields)", examples.isEmpty() ? "none"
        : String.join("; ", examples.subList(0, Math.min(6, examples.size()))));
  }

  public Report section(String name) {
    rows.add(new String[] {"", ""});
    rows.add(new String[] {"-- " + name, ""});
    return this;
  }

  /** The table as Markdown (two columns), so that it can be pasted into docs/benchmarks.md as it is. */
  public String markdown() {
    StringBuilder out = new StringBuilder("### ").append(title).append("\n\n| measure | value |\n|---|---|\n");
    for (String[] row : rows) {
      if (row[0].isEmpty()) {
        continue;
      }
      if (row[0].startsWith("-- ")) {
        out.append("| **").append(row[0].substring(3)).append("** | |\n");
      } else {
        out.append("| ").append(row[0]).append(" | ").append(row[1].replace("|", "\\|")).append(" |\n");
      }
    }
    return out.toString();
  }

  public void print() {
    System.out.println();
    System.out.println(markdown());
    System.out.flush();
  }

  /** "p50 a ms, p95 b ms, max c ms" of {@code millis} (nearest-rank percentiles). */
  public static String latencies(Collection<Long> millis) {
    if (millis.isEmpty()) {
      return "n/a";
    }
    List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(Long::compare);
    return String.format("p50 %d ms, p95 %d ms, max %d ms (n=%d)", percentile(sorted, 50), percentile(sorted, 95),
        sorted.get(sorted.size() - 1), sorted.size());
  }

  /** "min a, p50 b, max c" of counts. */
  public static String spread(Collection<Long> values) {
    if (values.isEmpty()) {
      return "n/a";
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(Long::compare);
    return String.format("min %d, p50 %d, max %d", sorted.get(0), percentile(sorted, 50),
        sorted.get(sorted.size() - 1));
  }

  static long percentile(List<Long> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** Heap in use after a full collection, in MiB (System.gc() twice, then the MemoryMXBean's heap usage). */
  public static long heapAfterGcMiB() {
    System.gc();
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getUsed() / (1024 * 1024);
  }

  /** Reconciliations started so far per controller (JOSDK's micrometer counter {@code reconciliations.started}). */
  public static Map<String, Long> reconciles(MeterRegistry meters) {
    Map<String, Long> out = new TreeMap<>();
    for (Counter c : meters.find("operator.sdk.reconciliations.started").counters()) {
      String controller = c.getId().getTag("controller.name");
      if (controller == null) {
        controller = String.valueOf(c.getId().getTag("kind"));
      }
      out.merge(controller, (long) c.count(), Long::sum);
    }
    return out;
  }

  /** {@code after - before} per key, zero entries left out. */
  public static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d != 0) {
        out.put(k, d);
      }
    });
    return out;
  }

  public static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The {@code n} largest entries of {@code counts} (already ordered) as "key = value; ...". */
  public static String top(Map<String, Long> counts, int n) {
    StringBuilder out = new StringBuilder();
    counts.entrySet().stream().limit(n).forEach(e -> out.append(out.length() == 0 ? "" : "; ").append(e.getKey())
        .append(" = ").append(e.getValue()));
    if (counts.size() > n) {
      out.append("; (").append(counts.size() - n).append(" more)");
    }
    return out.length() == 0 ? "none" : out.toString();
  }

  /** Polls {@code condition} every 100 ms; false when {@code max} passed first. */
  public static boolean awaitUntil(Duration max, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  /** {@code args[index]} as an int, or {@code fallback} when absent. */
  public static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
