package dev.dpf.dpuservice.dpudeployment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic versions and Masterminds-style constraints (what upstream's version matching uses, reference
 * dpuservice.md 12.4). Versions: {@code [v]MAJOR[.MINOR[.PATCH]][-prerelease][+build]} (missing parts are 0).
 * Constraints: comma- or space-separated AND groups joined by {@code ||}; operators {@code = != > < >= <= ~ ^}
 * (and {@code ~>} = {@code ~}), wildcards {@code x X *} in any position, and hyphen ranges {@code 1.2 - 1.4}.
 * {@code !=} with a wildcard is not supported. Pre-release versions only satisfy comparisons whose own version is a pre-release (Masterminds' rule).
 */
public final class Semver implements Comparable<Semver> {

  private static final Pattern VERSION = Pattern.compile(
      "^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+([0-9A-Za-z.-]+))?$");

  final long major;
  final long minor;
  final long patch;
  final String pre;

  private Semver(long major, long minor, long patch, String pre) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre == null ? "" : pre;
  }

  /** Parses a version; throws IllegalArgumentException ("Invalid Semantic Version") when it is not one. */
  public static Semver parse(String text) {
    Matcher m = VERSION.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("Invalid Semantic Version");
    }
    return new Semver(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
        m.group(3) == null ? 0 : Long.parseLong(m.group(3)), m.group(4));
  }

  @Override
  public int compareTo(Semver o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    if (c != 0) {
      return c;
    }
    if (pre.isEmpty() || o.pre.isEmpty()) {
      return pre.isEmpty() == o.pre.isEmpty() ? 0 : (pre.isEmpty() ? 1 : -1);
    }
    String[] a = pre.split("\\.");
    String[] b = o.pre.split("\\.");
    for (int k = 0; k < Math.min(a.length, b.length); k++) {
      boolean an = a[k].matches("\\d+");
      boolean bn = b[k].matches("\\d+");
      int r = an && bn ? Long.compare(Long.parseLong(a[k]), Long.parseLong(b[k]))
          : an ? -1 : bn ? 1 : a[k].compareTo(b[k]);
      if (r != 0) {
        return r;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + pre);
  }

  /** A parsed constraint. */
  public static final class Constraint {
    private final List<List<Check>> groups;

    private Constraint(List<List<Check>> groups) {
      this.groups = groups;
    }

    public boolean isSatisfiedBy(Semver v) {
      for (List<Check> group : groups) {
        boolean all = true;
        for (Check check : group) {
          if (!check.test(v)) {
            all = false;
            break;
          }
        }
        if (all) {
          return true;
        }
      }
      return false;
    }
  }

  private record Check(String op, Semver version, int wildcardFrom) {
    boolean test(Semver v) {
      if (!v.pre.isEmpty() && (version.pre.isEmpty() || v.major != version.major || v.minor != version.minor
          || v.patch != version.patch)) {
        return false;
      }
      int c = v.compareTo(version);
      return switch (op) {
        case "=" -> c == 0;
        case "!=" -> c != 0;
        case ">" -> c > 0;
        case "<" -> c < 0;
        case ">=" -> c >= 0;
        case "<=" -> c <= 0;
        default -> throw new IllegalStateException(op);
      };
    }
  }

  private static final Pattern TERM = Pattern.compile(
      "^(=|!=|>=|<=|>|<|~>|~|\\^)?\\s*v?([0-9xX*]+)(?:\\.([0-9xX*]+))?(?:\\.([0-9xX*]+))?(?:-([0-9A-Za-z.-]+))?"
          + "(?:\\+[0-9A-Za-z.-]+)?$");

  /** Parses a constraint; throws IllegalArgumentException with the offending part. */
  public static Constraint constraint(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("improper constraint: " + text);
    }
    List<List<Check>> groups = new ArrayList<>();
    for (String or : text.split("\\|\\|")) {
      List<Check> group = new ArrayList<>();
      String normalized = or.trim().replaceAll("\\s+-\\s+", " HYPHENRANGE ")
          .replaceAll("(=|!=|>=|<=|>|<|~>|~|\\^)\\s+", "$1");
      String[] parts = normalized.split("[,\\s]+");
      for (int k = 0; k < parts.length; k++) {
        if (parts[k].isEmpty()) {
          continue;
        }
        if (k + 2 < parts.length && parts[k + 1].equals("HYPHENRANGE")) {
          group.addAll(term(">=" + parts[k]));
          group.addAll(term("<=" + parts[k + 2]));
          k += 2;
          continue;
        }
        group.addAll(term(parts[k]));
      }
      if (group.isEmpty()) {
        throw new IllegalArgumentException("improper constraint: " + text);
      }
      groups.add(group);
    }
    return new Constraint(groups);
  }

  private static List<Check> term(String text) {
    Matcher m = TERM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("improper constraint: " + text);
    }
    String op = m.group(1) == null ? "=" : m.group(1);
    String[] raw = {m.group(2), m.group(3), m.group(4)};
    long[] n = new long[3];
    int wild = 3;
    for (int k = 0; k < 3; k++) {
      if (raw[k] == null || raw[k].matches("[xX*]")) {
        wild = Math.min(wild, k);
      } else if (!raw[k].matches("\\d+")) {
        throw new IllegalArgumentException("improper constraint: " + text);
      } else if (wild == 3) {
        n[k] = Long.parseLong(raw[k]);
      }
    }
    boolean explicitFull = raw[1] != null && raw[2] != null && wild == 3;
    Semver base = new Semver(n[0], n[1], n[2], m.group(5));
    List<Check> checks = new ArrayList<>();
    Semver upper;
    switch (op) {
      case "~", "~>" -> {
        // ~1.2.3 := >=1.2.3 <1.3.0 ; ~1 := >=1 <2
        checks.add(new Check(">=", base, wild));
        upper = wild <= 1 && raw[1] == null ? new Semver(n[0] + 1, 0, 0, null) : new Semver(n[0], n[1] + 1, 0, null);
        checks.add(new Check("<", upper, 3));
      }
      case "^" -> {
        checks.add(new Check(">=", base, wild));
        if (n[0] > 0 || wild <= 1) {
          upper = new Semver(n[0] + 1, 0, 0, null);
        } else if (n[1] > 0 || wild == 2) {
          upper = new Semver(0, n[1] + 1, 0, null);
        } else {
          upper = new Semver(0, 0, n[2] + 1, null);
        }
        checks.add(new Check("<", upper, 3));
      }
      default -> {
        if (explicitFull || wild == 3) {
          checks.add(new Check(op, base, 3));
        } else {
          Semver next = wild == 0 ? null : wild == 1 ? new Semver(n[0] + 1, 0, 0, null)
              : new Semver(n[0], n[1] + 1, 0, null);
          switch (op) {
            case "=" -> {
              if (next != null) {
                checks.add(new Check(">=", base, wild));
                checks.add(new Check("<", next, 3));
              }
            }
            case "!=" -> throw new IllegalArgumentException("improper constraint: " + text
                + " (wildcards are not supported with !=)");
            case ">" -> {
              if (next == null) {
                checks.add(new Check("<", new Semver(0, 0, 0, null), 3));
              } else {
                checks.add(new Check(">=", next, 3));
              }
            }
            case ">=" -> checks.add(new Check(">=", base, wild));
            case "<" -> checks.add(new Check("<", base, 3));
            case "<=" -> {
              if (next != null) {
                checks.add(new Check("<", next, 3));
              }
            }
            default -> throw new IllegalArgumentException("improper constraint: " + text);
          }
        }
      }
    }
    return checks;
  }
}
