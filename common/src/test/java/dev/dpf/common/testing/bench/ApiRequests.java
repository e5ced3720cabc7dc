package dev.dpf.common.testing.bench;

import dev.dpf.testing.LocalControlPlane;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests an API server has served, read from its own {@code apiserver_request_total} counter ({@code /metrics}), so
 * that every client is counted (the operator, the stand-ins, the simulated fleet, kube-controller-manager and the
 * benchmark itself), split by verb and resource. A snapshot is taken before and after a phase; {@link #minus} gives
 * what happened in between. Watches are counted when they end, so they are left out of the read totals.
 */
public final class ApiRequests {

  /** Verbs that change something; {@code APPLY} is a server-side apply (a PATCH with the apply content type). */
  public static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION");

  private static final Pattern SAMPLE = Pattern.compile("^apiserver_request_total\\{(.*)} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Count by "VERB group/resource[/subresource]". */
  private final Map<String, Long> counts;

  private ApiRequests(Map<String, Long> counts) {
    this.counts = counts;
  }

  /** The counters of {@code plane} now. */
  public static ApiRequests snapshot(LocalControlPlane plane) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : plane.adminClient().raw("/metrics").split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      String group = labels.getOrDefault("group", "");
      String resource = labels.getOrDefault("resource", "");
      String sub = labels.getOrDefault("subresource", "");
      String key = labels.getOrDefault("verb", "?") + " " + (group.isEmpty() ? "core" : group) + "/" + resource
          + (sub.isEmpty() ? "" : "/" + sub);
      counts.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
    }
    return new ApiRequests(counts);
  }

  /** What was served after {@code earlier}. */
  public ApiRequests minus(ApiRequests earlier) {
    Map<String, Long> diff = new TreeMap<>();
    counts.forEach((k, v) -> {
      long d = v - earlier.counts.getOrDefault(k, 0L);
      if (d != 0) {
        diff.put(k, d);
      }
    });
    return new ApiRequests(diff);
  }

  /** Requests changing something. */
  public long mutations() {
    return sum(true);
  }

  /** GET and LIST requests (completed WATCH requests are left out: they are long-running). */
  public long reads() {
    return counts.entrySet().stream().filter(e -> e.getKey().startsWith("GET ") || e.getKey().startsWith("LIST "))
        .mapToLong(Map.Entry::getValue).sum();
  }

  private long sum(boolean mutating) {
    return counts.entrySet().stream().filter(e -> MUTATING.contains(verb(e.getKey())) == mutating)
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Mutations whose resource (group/resource[/subresource]) starts with {@code prefix}. */
  public long mutations(String prefix) {
    return counts.entrySet().stream().filter(e -> MUTATING.contains(verb(e.getKey()))
        && e.getKey().substring(e.getKey().indexOf(' ') + 1).startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
  }

  /** The mutations, "VERB resource=count", largest first, for the report. */
  public String mutationBreakdown() {
    return breakdown(true);
  }

  /** The GET and LIST requests, "VERB resource=count", largest first. */
  public String readBreakdown() {
    return breakdown(false);
  }

  private String breakdown(boolean mutating) {
    StringBuilder out = new StringBuilder();
    counts.entrySet().stream().filter(e -> mutating ? MUTATING.contains(verb(e.getKey()))
            : e.getKey().startsWith("GET ") || e.getKey().startsWith("LIST "))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue()));
    return out.length() == 0 ? "none" : out.toString();
  }

  private static String verb(String key) {
    return key.substring(0, key.indexOf(' '));
  }

  public Map<String, Long> counts() {
    return counts;
  }
}
