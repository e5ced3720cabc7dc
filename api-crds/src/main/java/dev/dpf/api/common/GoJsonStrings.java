package dev.dpf.api.common;

/**
 * String literals exactly as Go's {@code encoding/json} writes them (HTML-safe: {@code <, >, &} and U+2028/U+2029
 * escaped as {@code \\u00XX}), for output that must match upstream byte for byte: hashed identifiers and
 * {@code dpfctl -o json}.
 */
public final class GoJsonStrings {

  private GoJsonStrings() {}

  /** {@code s} as a quoted Go JSON string literal. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2);
    appendQuoted(out, s);
    return out.toString();
  }

  /** Appends {@code s} as a quoted Go JSON string literal. */
  public static void appendQuoted(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
