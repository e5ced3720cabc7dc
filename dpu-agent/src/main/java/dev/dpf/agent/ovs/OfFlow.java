package dev.dpf.agent.ovs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One OpenFlow flow as text: cookie, table, priority, match fields and actions. Parses both the agent's own flow
 * lines ({@code cookie=<decimal>, table=0, priority=0, in_port=1 actions=...}) and the output of
 * {@code ovs-ofctl --no-names --no-stats dump-flows} ({@code cookie=0x.., table=1, priority=2,in_port=1 actions=...},
 * table 0 and priority 32768 left out).
 *
 * @param match the match fields in their order, without cookie, table, priority and timeouts
 */
public record OfFlow(long cookie, int table, int priority, List<String> match, String actions) {

  public static final int DEFAULT_PRIORITY = 32768;

  private static final List<String> NOT_MATCH = List.of("idle_timeout", "hard_timeout", "importance",
      "send_flow_rem", "check_overlap", "reset_counts", "no_packet_counts", "no_byte_counts", "duration",
      "n_packets", "n_bytes", "idle_age", "hard_age", "out_port", "out_group");

  public static OfFlow parse(String line) {
    String text = line.trim();
    int at = text.indexOf("actions=");
    if (at < 0) {
      throw new IllegalArgumentException("not a flow (no actions): " + line);
    }
    String head = text.substring(0, at).trim();
    String actions = text.substring(at + "actions=".length()).trim();
    long cookie = 0;
    int table = 0;
    int priority = DEFAULT_PRIORITY;
    List<String> match = new ArrayList<>();
    for (String raw : head.split(",")) {
      String field = raw.trim();
      if (field.isEmpty()) {
        continue;
      }
      int eq = field.indexOf('=');
      String key = eq < 0 ? field : field.substring(0, eq);
      String value = eq < 0 ? "" : field.substring(eq + 1);
      switch (key) {
        case "cookie" -> cookie = parseCookie(value);
        case "table" -> table = Integer.parseInt(value);
        case "priority" -> priority = Integer.parseInt(value);
        default -> {
          if (!NOT_MATCH.contains(key)) {
            match.add(field);
          }
        }
      }
    }
    return new OfFlow(cookie, table, priority, List.copyOf(match), actions);
  }

  /** A cookie as written by the agent (unsigned decimal) or by OVS ({@code 0x} hex); a {@code /mask} is ignored. */
  public static long parseCookie(String value) {
    String v = value;
    int slash = v.indexOf('/');
    if (slash >= 0) {
      v = v.substring(0, slash);
    }
    v = v.toLowerCase(Locale.ROOT);
    return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseUnsignedLong(v);
  }

  /** Identity of a flow in OpenFlow (table, priority and match, order-insensitive): what a strict delete names. */
  public String key() {
    List<String> sorted = new ArrayList<>(match);
    sorted.sort(null);
    return table + "/" + priority + "/" + String.join(",", sorted);
  }

  /** The flow's table, priority and match as a strict-delete/modify specification (cookie not included). */
  public String matchSpec() {
    StringBuilder b = new StringBuilder("table=").append(table).append(",priority=").append(priority);
    for (String m : match) {
      b.append(',').append(m);
    }
    return b.toString();
  }

  public static String cookieHex(long cookie) {
    return "0x" + Long.toHexString(cookie);
  }
}
