package dev.treue.core.ingest;

import dev.treue.core.id.IdRule;

/** Field helpers shared by the row parsers: blank handling, numbers without exceptions, quoting. */
final class Fields {
  /** Longest value quoted in a rejection reason; longer ones are cut so reasons stay one line. */
  private static final int MAX_SHOWN = 60;

  private Fields() {}

  /** The trimmed value, or null when absent or blank. */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    String t = value.trim();
    return t.isEmpty() ? null : t;
  }

  /** The reason for an id column that breaks its rule. */
  static String badId(String column, String value, IdRule rule) {
    return column + ": " + shown(value) + " is not a valid id; expected " + rule.description();
  }

  /** A value for a reason: quoted, shortened, control characters and line breaks escaped. */
  static String shown(String value) {
    String v = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      // Control characters and line separators would break the reason's line: shown as escapes.
      b.append(
          Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
              ? String.format("\\u%04x", (int) c)
              : c);
    }
    return b.append('\'').toString();
  }

  /**
   * A finite decimal such as {@code 12}, {@code -3.50}, {@code .5} or {@code 1.2E3}; checked by hand
   * first so that Double.parseDouble never throws here and never accepts NaN, Infinity or hex.
   *
   * @return the value, or NaN when the text is not a plain decimal
   */
  static double decimal(String t) {
    int i = 0;
    int n = t.length();
    if (n > 0 && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
      i++;
    }
    int digits = 0;
    boolean dot = false;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (i < n) {
      char c = t.charAt(i);
      if (c != 'e' && c != 'E') {
        return Double.NaN;
      }
      i++;
      if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
        i++;
      }
      int expDigits = 0;
      for (; i < n; i++) {
        char d = t.charAt(i);
        if (d < '0' || d > '9') {
          return Double.NaN;
        }
        expDigits++;
      }
      if (expDigits == 0) {
        return Double.NaN;
      }
    }
    double v = Double.parseDouble(t);
    return Double.isInfinite(v) ? Double.NaN : v;
  }

  /** Sentinel for {@link #whole} failures: no real point balance gets near it. */
  static final long NOT_WHOLE = Long.MIN_VALUE;

  /**
   * A whole number such as {@code 120} or {@code -5}; also {@code 120.0}, because Parquet and
   * spreadsheets often store counts as floating point.
   *
   * @return the value, or {@link #NOT_WHOLE}
   */
  static long whole(String t) {
    int n = t.length();
    int dot = t.indexOf('.');
    if (dot >= 0) {
      for (int i = dot + 1; i < n; i++) {
        if (t.charAt(i) != '0') {
          return NOT_WHOLE;
        }
      }
      n = dot;
    }
    int i = 0;
    boolean negative = false;
    if (n > 0 && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
      negative = t.charAt(0) == '-';
      i++;
    }
    // 18 digits cannot overflow a long
    if (i == n || n - i > 18) {
      return NOT_WHOLE;
    }
    long v = 0;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return NOT_WHOLE;
      }
      v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
  }
}
