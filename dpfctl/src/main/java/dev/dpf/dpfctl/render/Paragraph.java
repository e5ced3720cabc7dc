package dev.dpf.dpfctl.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Word wrapping of condition messages (cluster-api's {@code formatParagraph}, as dpfctl uses it): existing new lines
 * are kept; a line breaks before the word that would make it reach the width; continuation lines keep the line's
 * leading spaces, plus two more when the line is a {@code * } bullet. Widths count bytes, as upstream does.
 */
public final class Paragraph {

  /** The MESSAGE column width. */
  public static final int WIDTH = 100;

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Paragraph() {}

  public static List<String> wrap(String text, int maxWidth) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      StringBuilder lead = new StringBuilder();
      for (int i = 0; i < line.length() && line.charAt(i) == ' '; i++) {
        lead.append(' ');
      }
      String tmp = lead.toString();
      String indent = tmp;
      if (line.strip().startsWith("* ")) {
        indent += "  ";
      }
      for (String word : WHITESPACE.split(line, -1)) {
        if (bytes(tmp) + bytes(word) < maxWidth) {
          if (!tmp.strip().isEmpty()) {
            tmp += " ";
          }
          tmp += word;
          continue;
        }
        lines.add(tmp);
        tmp = indent + word;
      }
      lines.add(tmp);
    }
    return lines;
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
