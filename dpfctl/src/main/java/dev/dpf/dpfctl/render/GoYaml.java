package dev.dpf.dpfctl.render;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * YAML as sigs.k8s.io/yaml (go-yaml v2) writes it: map keys sorted, sequences not indented under their key,
 * strings plain when unambiguous, double-quoted when they would read as another type (booleans, numbers,
 * timestamps, null) or start with an indicator, literal blocks ({@code |-}) for multi-line text.
 */
final class GoYaml {

  private static final Pattern SPECIAL_WORDS = Pattern.compile(
      "(?i)y|n|yes|no|true|false|on|off|null|~|[-+]?\\.inf|\\.nan");
  private static final Pattern NUMBER = Pattern.compile(
      "[-+]?(\\d[\\d_]*)?\\.?\\d+([eE][-+]?\\d+)?|[-+]?0x[0-9a-fA-F_]+|[-+]?0o?[0-7_]+|[-+]?\\d[\\d_]*(:[0-5]?\\d)+");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d?-\\d\\d?([Tt ].*)?");

  private GoYaml() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      block(out, value, "");
    } else {
      out.append(scalar(value, "")).append('\n');
    }
    return out.toString();
  }

  /** A non-empty map or list, starting on a fresh line at {@code indent}. */
  private static void block(StringBuilder out, Object value, String indent) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : sorted(map).entrySet()) {
        out.append(indent).append(key(String.valueOf(e.getKey()))).append(':');
        value(out, e.getValue(), indent, false);
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        out.append(indent).append('-');
        if (item instanceof Map<?, ?> m && !m.isEmpty()) {
          // the first key goes on the dash line, the others are indented by two
          StringBuilder nested = new StringBuilder();
          block(nested, item, indent + "  ");
          out.append(' ').append(nested.substring(indent.length() + 2));
        } else {
          value(out, item, indent, true);
        }
      }
    }
  }

  /** The value after {@code key:} or {@code -}. */
  private static void value(StringBuilder out, Object v, String indent, boolean listItem) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        block(out, m, indent + "  ");
      }
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        out.append(" []\n");
      } else {
        out.append('\n');
        block(out, l, listItem ? indent + "  " : indent);
      }
    } else {
      out.append(' ').append(scalar(v, indent + "  ")).append('\n');
    }
  }

  private static Map<String, Object> sorted(Map<?, ?> map) {
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    return sorted;
  }

  private static String key(String k) {
    return needsQuotes(k) ? quote(k) : k;
  }

  private static String scalar(Object v, String blockIndent) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    String s = String.valueOf(v);
    if (s.contains("\n") && !s.endsWith("\n") && !s.startsWith(" ") && !s.contains("\r")
        && s.lines().noneMatch(l -> l.endsWith(" ") || l.contains("\t"))) {
      StringBuilder block = new StringBuilder("|-");
      for (String line : s.split("\n", -1)) {
        block.append('\n');
        if (!line.isEmpty()) {
          block.append(blockIndent).append(line);
        }
      }
      return block.toString();
    }
    return needsQuotes(s) ? quote(s) : s;
  }

  static boolean needsQuotes(String s) {
    if (s.isEmpty() || !s.strip().equals(s)) {
      return true;
    }
    if (SPECIAL_WORDS.matcher(s).matches() || NUMBER.matcher(s).matches() || TIMESTAMP.matcher(s).matches()) {
      return true;
    }
    if ("-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0) {
      return true;
    }
    if (s.contains(": ") || s.contains(" #") || s.endsWith(":") || s.contains("\t") || s.contains("\n")) {
      return true;
    }
    return s.chars().anyMatch(c -> c < 0x20);
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
