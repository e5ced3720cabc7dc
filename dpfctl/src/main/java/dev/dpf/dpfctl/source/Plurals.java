package dev.dpf.dpfctl.source;

import java.util.Locale;

/**
 * English pluralisation of kind names, as upstream's filters use it (gobuffalo/flect rules for the words that
 * occur in kind names): {@code DPU -> DPUs}, {@code DPUServiceIPAM -> DPUServiceIPAMs}, {@code Policy -> Policies};
 * a word that already ends in {@code s} is taken as plural.
 */
public final class Plurals {

  private Plurals() {}

  public static String plural(String word) {
    if (word == null || word.isEmpty()) {
      return "";
    }
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.endsWith("ss") || lower.endsWith("sh") || lower.endsWith("ch") || lower.endsWith("x")
        || lower.endsWith("z")) {
      return word + (Character.isUpperCase(word.charAt(word.length() - 1)) ? "ES" : "es");
    }
    if (lower.endsWith("s")) {
      return word;
    }
    if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return word.substring(0, word.length() - 1) + "ies";
    }
    return word + "s";
  }

  /** Whether two kind names (any case, singular or plural) name the same kind. */
  public static boolean sameKind(String a, String b) {
    return plural(a).equalsIgnoreCase(plural(b));
  }
}
