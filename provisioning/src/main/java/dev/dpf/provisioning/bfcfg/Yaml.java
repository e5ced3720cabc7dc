package dev.dpf.provisioning.bfcfg;

/** YAML scalar writing for the cloud-init user-data: single-quoted strings and literal block scalars. */
final class Yaml {

  private Yaml() {}

  /** A single-quoted YAML scalar (quotes doubled). */
  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * A literal block scalar for a mapping value whose key starts at column {@code keyIndent}; the content is indented
   * four more columns. The header chooses chomping from the trailing newlines so the value is exactly
   * {@code content} ({@code |-} none, {@code |} one, {@code |+} more), and carries an explicit indentation indicator
   * when the first non-empty line starts with a space (auto-detection would take that space as indentation).
   * Returns the text after {@code "key: "} up to and including the last newline.
   */
  static String block(String content, int keyIndent) {
    if (content == null || content.isEmpty()) {
      return "\"\"\n";
    }
    String text = content.replace("\r\n", "\n");
    int trailing = 0;
    while (trailing < text.length() && text.charAt(text.length() - 1 - trailing) == '\n') {
      trailing++;
    }
    String body = text.substring(0, text.length() - trailing);
    if (body.isEmpty()) {
      return "\"" + "\\n".repeat(trailing) + "\"\n";
    }
    StringBuilder header = new StringBuilder("|");
    if (firstNonEmptyLine(body).startsWith(" ")) {
      header.append(4);
    }
    if (trailing == 0) {
      header.append('-');
    } else if (trailing > 1) {
      header.append('+');
    }
    String pad = " ".repeat(keyIndent + 4);
    StringBuilder out = new StringBuilder(header).append('\n');
    for (String line : body.split("\n", -1)) {
      out.append(line.isEmpty() ? "" : pad + line).append('\n');
    }
    for (int i = 1; i < trailing; i++) {
      out.append('\n');
    }
    return out.toString();
  }

  private static String firstNonEmptyLine(String text) {
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        return line;
      }
    }
    return "";
  }
}
