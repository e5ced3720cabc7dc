package dev.dpf.dpuservice.dpudeployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Go {@code text/template} subset for DPUServiceConfiguration value templating (reference dpuservice.md 12.9),
 * executed with {@code missingkey=error}. Supported inside an action: field chains ({@code .Services.producer.Name}),
 * the dot ({@code .}), string and integer literals, parentheses with field access on the result
 * ({@code (index .Services "firefly-dpu").Name}), the functions {@code index}, {@code print}, {@code printf}
 * ({@code %s %d %v %%}) and {@code len}, pipes ({@code a | printf "%s-x"}), trim markers ({@code {{- -}}}) and
 * comments ({@code {{/* *\/}}}). Anything else (variables, if/range/with, other functions) is a template error.
 */
public final class GoTemplates {

  /** A template parse or execution error; the message follows Go's wording where it matters. */
  public static final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
      super(message);
    }
  }

  private GoTemplates() {}

  /** Whether {@code text} contains an action with these delimiters (only such strings are rendered). */
  public static boolean hasAction(String text, String open) {
    return text.contains(open);
  }

  /** Renders {@code text} with {@code data} as dot. */
  public static String render(String text, String open, String close, Object data) throws TemplateException {
    StringBuilder out = new StringBuilder();
    int pos = 0;
    while (true) {
      int start = text.indexOf(open, pos);
      if (start < 0) {
        out.append(text, pos, text.length());
        return out.toString();
      }
      int end = text.indexOf(close, start + open.length());
      if (end < 0) {
        throw new TemplateException("unclosed action");
      }
      String literal = text.substring(pos, start);
      String action = text.substring(start + open.length(), end);
      boolean trimLeft = action.startsWith("- ") || action.equals("-");
      boolean trimRight = action.endsWith(" -") || (action.equals("-"));
      if (trimLeft) {
        literal = literal.stripTrailing();
        action = action.substring(1);
      }
      if (trimRight && action.endsWith("-")) {
        action = action.substring(0, action.length() - 1);
      }
      out.append(literal);
      String body = action.trim();
      if (!(body.startsWith("/*") && body.endsWith("*/"))) {
        Object value = new Parser(body, data).pipeline();
        out.append(print(value));
      }
      pos = end + close.length();
      if (trimRight) {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
          pos++;
        }
      }
    }
  }

  /** Checks the syntax of every action of {@code text} without data (for validation). */
  public static void check(String text, String open, String close) throws TemplateException {
    int pos = 0;
    while (true) {
      int start = text.indexOf(open, pos);
      if (start < 0) {
        return;
      }
      int end = text.indexOf(close, start + open.length());
      if (end < 0) {
        throw new TemplateException("unclosed action");
      }
      String body = text.substring(start + open.length(), end).trim();
      if (body.startsWith("-")) {
        body = body.substring(1).trim();
      }
      if (body.endsWith("-")) {
        body = body.substring(0, body.length() - 1).trim();
      }
      if (!(body.startsWith("/*") && body.endsWith("*/"))) {
        new Parser(body, null).syntaxOnly();
      }
      pos = end + close.length();
    }
  }

  static String print(Object value) {
    if (value == null) {
      return "<no value>";
    }
    if (value instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("map[");
      new java.util.TreeMap<>(m).forEach((k, v) -> b.append(b.length() > 4 ? " " : "").append(k).append(':')
          .append(print(v)));
      return b.append(']').toString();
    }
    if (value instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      l.forEach(v -> items.add(print(v)));
      return "[" + String.join(" ", items) + "]";
    }
    return String.valueOf(value);
  }

  /** Recursive-descent evaluator over one action body. */
  private static final class Parser {
    private final String s;
    private final Object dot;
    private final boolean evaluate;
    private int i;

    Parser(String s, Object dot) {
      this.s = s;
      this.dot = dot;
      this.evaluate = true;
    }

    private Parser(String s, boolean evaluate) {
      this.s = s;
      this.dot = null;
      this.evaluate = evaluate;
    }

    void syntaxOnly() throws TemplateException {
      new Parser(s, false).pipeline();
    }

    Object pipeline() throws TemplateException {
      Object value = command(null, false);
      skipSpace();
      while (i < s.length() && s.charAt(i) == '|') {
        i++;
        value = command(value, true);
        skipSpace();
      }
      if (i < s.length() && s.charAt(i) != ')') {
        throw new TemplateException("unexpected \"" + s.substring(i) + "\" in command");
      }
      return value;
    }

    private Object command(Object piped, boolean hasPiped) throws TemplateException {
      skipSpace();
      int at = i;
      String word = identifier();
      if (!word.isEmpty()) {
        List<Object> args = new ArrayList<>();
        while (true) {
          skipSpace();
          if (i >= s.length() || s.charAt(i) == '|' || s.charAt(i) == ')') {
            break;
          }
          args.add(operand());
        }
        if (hasPiped) {
          args.add(piped);
        }
        return call(word, args, at);
      }
      if (hasPiped) {
        throw new TemplateException("non executable command in pipeline stage 2");
      }
      Object value = operand();
      skipSpace();
      if (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') {
        throw new TemplateException("can't give argument to non-function " + s.substring(at, i).trim());
      }
      return value;
    }

    private Object operand() throws TemplateException {
      skipSpace();
      if (i >= s.length()) {
        throw new TemplateException("missing value for command");
      }
      char c = s.charAt(i);
      Object value;
      String path;
      if (c == '"') {
        return stringLiteral();
      } else if (c == '-' || Character.isDigit(c)) {
        int start = i++;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        try {
          return Long.parseLong(s.substring(start, i));
        } catch (NumberFormatException e) {
          throw new TemplateException("bad number syntax: " + s.substring(start, i));
        }
      } else if (c == '(') {
        i++;
        value = pipeline();
        if (i >= s.length() || s.charAt(i) != ')') {
          throw new TemplateException("unclosed left paren");
        }
        i++;
        path = "(...)";
      } else if (c == '.') {
        value = dot;
        path = "";
        if (i + 1 >= s.length() || !isIdentStart(s.charAt(i + 1))) {
          i++;
          return value;
        }
      } else {
        throw new TemplateException("unexpected \"" + c + "\" in operand");
      }
      while (i < s.length() && s.charAt(i) == '.') {
        i++;
        String field = identifier();
        if (field.isEmpty()) {
          throw new TemplateException("bad field access in " + s);
        }
        path = path + "." + field;
        value = field(value, field, path);
      }
      return value;
    }

    private Object field(Object value, String field, String path) throws TemplateException {
      if (!evaluate) {
        return null;
      }
      if (value instanceof Map<?, ?> m) {
        if (!m.containsKey(field)) {
          throw new TemplateException("executing at <" + path + ">: map has no entry for key \"" + field + "\"");
        }
        return m.get(field);
      }
      throw new TemplateException("executing at <" + path + ">: can't evaluate field " + field + " in type "
          + (value == null ? "interface {}" : typeName(value)));
    }

    private Object call(String name, List<Object> args, int at) throws TemplateException {
      switch (name) {
        case "index", "print", "printf", "len" -> { }
        default -> throw new TemplateException("function \"" + name + "\" not defined");
      }
      if (!evaluate) {
        return null;
      }
      switch (name) {
        case "index": {
          if (args.isEmpty()) {
            throw new TemplateException("wrong number of args for index: want at least 1 got 0");
          }
          Object value = args.get(0);
          for (Object key : args.subList(1, args.size())) {
            if (value instanceof Map<?, ?> m) {
              if (!m.containsKey(String.valueOf(key))) {
                throw new TemplateException("error calling index: map has no entry for key \"" + key + "\"");
              }
              value = m.get(String.valueOf(key));
            } else if (value instanceof List<?> l && key instanceof Long n) {
              if (n < 0 || n >= l.size()) {
                throw new TemplateException("error calling index: index out of range: " + n);
              }
              value = l.get(n.intValue());
            } else {
              throw new TemplateException("error calling index: can't index item of type " + typeName(value));
            }
          }
          return value;
        }
        case "len": {
          if (args.size() != 1) {
            throw new TemplateException("wrong number of args for len: want 1 got " + args.size());
          }
          Object v = args.get(0);
          if (v instanceof Map<?, ?> m) {
            return (long) m.size();
          }
          if (v instanceof List<?> l) {
            return (long) l.size();
          }
          if (v instanceof String str) {
            return (long) str.length();
          }
          throw new TemplateException("error calling len: len of type " + typeName(v));
        }
        case "print": {
          StringBuilder b = new StringBuilder();
          for (Object a : args) {
            b.append(print(a));
          }
          return b.toString();
        }
        default: {
          if (args.isEmpty() || !(args.get(0) instanceof String format)) {
            throw new TemplateException("wrong arguments for printf");
          }
          return printf(format, args.subList(1, args.size()));
        }
      }
    }

    private static String printf(String format, List<Object> args) throws TemplateException {
      StringBuilder b = new StringBuilder();
      int arg = 0;
      for (int k = 0; k < format.length(); k++) {
        char c = format.charAt(k);
        if (c != '%' || k + 1 >= format.length()) {
          b.append(c);
          continue;
        }
        char verb = format.charAt(++k);
        if (verb == '%') {
          b.append('%');
        } else if (verb == 's' || verb == 'd' || verb == 'v') {
          b.append(arg < args.size() ? print(args.get(arg++)) : "%!" + verb + "(MISSING)");
        } else {
          throw new TemplateException("unsupported printf verb %" + verb);
        }
      }
      return b.toString();
    }

    private String stringLiteral() throws TemplateException {
      StringBuilder b = new StringBuilder();
      i++;
      while (i < s.length() && s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\' && i < s.length()) {
          char e = s.charAt(i++);
          b.append(switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> e;
          });
        } else {
          b.append(c);
        }
      }
      if (i >= s.length()) {
        throw new TemplateException("unterminated quoted string");
      }
      i++;
      return b.toString();
    }

    private String identifier() {
      int start = i;
      if (i < s.length() && isIdentStart(s.charAt(i))) {
        i++;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
      }
      return s.substring(start, i);
    }

    private static boolean isIdentStart(char c) {
      return Character.isLetter(c) || c == '_';
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private static String typeName(Object v) {
      if (v instanceof String) {
        return "string";
      }
      if (v instanceof Long || v instanceof Integer) {
        return "int";
      }
      if (v instanceof List<?>) {
        return "[]interface {}";
      }
      return v == null ? "<nil>" : "map[string]interface {}";
    }
  }
}
