package dev.dpf.dpfctl.render;

import dev.dpf.api.common.GoJsonStrings;
import java.util.List;
import java.util.Map;

/**
 * JSON as Go's {@code json.MarshalIndent(v, "", "  ")} writes it: two-space indent, {@code "key": value}, empty
 * arrays and objects as {@code []} / {@code {}}, and Go's escaping ({@code <}, {@code >}, {@code &}, U+2028 and
 * U+2029 as {@code \\uXXXX}). Maps are written in their iteration order.
 */
final class GoJson {

  private GoJson() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      String inner = indent + "  ";
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(inner);
        string(out, String.valueOf(e.getKey()));
        out.append(": ");
        write(out, e.getValue(), inner);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      String inner = indent + "  ";
      for (int i = 0; i < list.size(); i++) {
        out.append(inner);
        write(out, list.get(i), inner);
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else {
      string(out, String.valueOf(value));
    }
  }

  private static void string(StringBuilder out, String s) {
    GoJsonStrings.appendQuoted(out, s);
  }
}
