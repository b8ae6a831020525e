package dev.treue.core.i18n;

import java.util.Locale;
import java.util.Optional;

/**
 * A language Treue answers in: reason phrases, reward explanations, numbers, money and CSV exports.
 * The one definition the service ({@code locale=}, {@code Accept-Language}, the {@code language}
 * key), batch {@code score --language} and materialize share.
 */
public enum Language {
  EN("en"),
  DE("de");

  private final String wireName;

  Language(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire and on the command line: {@code en}, {@code de}. */
  public String wireName() {
    return wireName;
  }

  /** The names accepted, for error messages: "en, de". */
  public static String names() {
    StringBuilder b = new StringBuilder();
    for (Language l : values()) {
      b.append(b.length() == 0 ? "" : ", ").append(l.wireName);
    }
    return b.toString();
  }

  /**
   * The language of a tag: {@code en}, {@code de}, or a tag with a region ({@code de-DE},
   * {@code de_AT}, {@code en-GB}), in any case; nothing around it, not even spaces.
   *
   * @throws IllegalArgumentException when the tag names no language Treue speaks
   */
  public static Language parse(String tag) {
    return find(tag)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "expected one of "
                        + names()
                        + " (a region such as de-DE is allowed), got '"
                        + shown(tag)
                        + "'"));
  }

  /** The language of a tag ({@link #parse}), or empty when Treue does not speak it. */
  public static Optional<Language> find(String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    String t = tag;
    int region = indexOfAny(t, "-_");
    String primary = (region < 0 ? t : t.substring(0, region)).toLowerCase(Locale.ROOT);
    if (region >= 0
        && !t.substring(region + 1).matches("[A-Za-z0-9]{1,8}([-_][A-Za-z0-9]{1,8})*")) {
      return Optional.empty();
    }
    for (Language l : values()) {
      if (l.wireName.equals(primary)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * The language an {@code Accept-Language} header prefers among those Treue speaks: the highest
   * q-value wins, the earlier entry on a tie; {@code q=0} excludes a language; {@code *} and a header
   * naming no language Treue speaks give {@code fallback} (a client's wish is no error).
   */
  public static Language fromAcceptLanguage(String header, Language fallback) {
    if (header == null || header.isBlank()) {
      return fallback;
    }
    Language best = null;
    double bestQ = 0;
    for (String entry : header.split(",", 64)) {
      String[] parts = entry.split(";", -1);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip();
        if (p.startsWith("q=") || p.startsWith("Q=")) {
          q = quality(p.substring(2));
        }
      }
      String tag = parts[0].strip();
      Language l = tag.equals("*") ? fallback : find(tag).orElse(null);
      if (l != null && q > bestQ) {
        best = l;
        bestQ = q;
      }
    }
    return best == null ? fallback : best;
  }

  private static double quality(String text) {
    try {
      double q = Double.parseDouble(text.strip());
      return q >= 0 && q <= 1 ? q : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int indexOfAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String shown(String t) {
    String s = t == null ? "" : t.length() > 40 ? t.substring(0, 40) + "..." : t;
    return s.replaceAll("\\p{Cntrl}", "?");
  }
}
