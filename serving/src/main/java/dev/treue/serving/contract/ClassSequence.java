package dev.treue.serving.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A contract pattern that is only a sequence of ASCII character classes and literal characters,
 * each with a count, checked character by character instead of by {@link java.util.regex}: the
 * contract's id and date patterns ({@code ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$},
 * {@code ^[0-9]{4}-[0-9]{2}-[0-9]{2}$}) are all of this kind, and the regex engine was 4% of an
 * event's CPU samples. It matches exactly the strings the pattern matches whole: every element but
 * the last has a fixed count, so no choice is ever undone, and no class holds a character beyond
 * ASCII, so any other character fails both. Patterns of any other shape ({@link #of} is empty) stay
 * with the regex engine.
 */
final class ClassSequence {
  private final boolean[][] classes;
  private final int[] min;
  private final int[] max;

  private ClassSequence(boolean[][] classes, int[] min, int[] max) {
    this.classes = classes;
    this.min = min;
    this.max = max;
  }

  /**
   * The pattern as a class sequence, when it is one: an optional {@code ^}, elements ({@code [...]}
   * of literal characters and ranges, or one literal letter, digit, {@code -}, {@code _}, {@code :}
   * or space), each with an optional count ({@code ?}, {@code *}, {@code +}, {@code {n}},
   * {@code {m,n}}, {@code {m,}}), then an optional {@code $} or {@code \z}. Empty otherwise.
   */
  static Optional<ClassSequence> of(String regex) {
    String r = regex;
    if (r.startsWith("^")) {
      r = r.substring(1);
    }
    if (r.endsWith("\\z")) {
      r = r.substring(0, r.length() - 2);
    } else if (r.endsWith("$")) {
      r = r.substring(0, r.length() - 1);
    }
    List<boolean[]> classes = new ArrayList<>();
    List<int[]> counts = new ArrayList<>();
    int i = 0;
    while (i < r.length()) {
      boolean[] set = new boolean[128];
      char c = r.charAt(i);
      if (c == '[') {
        int end = r.indexOf(']', i + 1);
        if (end < 0 || !classOf(r.substring(i + 1, end), set)) {
          return Optional.empty();
        }
        i = end + 1;
      } else if (Character.isLetterOrDigit(c) && c < 128
          || c == '-'
          || c == '_'
          || c == ':'
          || c == ' ') {
        set[c] = true;
        i++;
      } else {
        return Optional.empty();
      }
      int lo = 1;
      int hi = 1;
      if (i < r.length()) {
        char q = r.charAt(i);
        if (q == '?' || q == '*' || q == '+') {
          lo = q == '+' ? 1 : 0;
          hi = q == '?' ? 1 : Integer.MAX_VALUE;
          i++;
        } else if (q == '{') {
          int end = r.indexOf('}', i);
          if (end < 0) {
            return Optional.empty();
          }
          String[] bounds = r.substring(i + 1, end).split(",", -1);
          try {
            lo = Integer.parseInt(bounds[0]);
            hi =
                bounds.length == 1
                    ? lo
                    : bounds[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1]);
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
          if (bounds.length > 2 || lo < 0 || hi < lo) {
            return Optional.empty();
          }
          i = end + 1;
        }
        if (i < r.length() && (r.charAt(i) == '?' || r.charAt(i) == '+')) {
          // Lazy or possessive counts: not this simple kind.
          return Optional.empty();
        }
      }
      classes.add(set);
      counts.add(new int[] {lo, hi});
    }
    for (int e = 0; e + 1 < counts.size(); e++) {
      if (counts.get(e)[0] != counts.get(e)[1]) {
        // A variable count before the end could have to give characters back: the engine's job.
        return Optional.empty();
      }
    }
    if (classes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ClassSequence(
            classes.toArray(boolean[][]::new),
            counts.stream().mapToInt(b -> b[0]).toArray(),
            counts.stream().mapToInt(b -> b[1]).toArray()));
  }

  /** Fills {@code set} from a class body of literals and ranges; false for anything else. */
  private static boolean classOf(String body, boolean[] set) {
    if (body.isEmpty() || body.charAt(0) == '^') {
      return false;
    }
    for (int k = 0; k < body.length(); k++) {
      char a = body.charAt(k);
      if (a >= 128 || a == '\\' || a == '[' || a == '&' || a < 32) {
        return false;
      }
      if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
        char b = body.charAt(k + 2);
        if (b >= 128 || b == '\\' || b == '[' || b == '&' || b < a) {
          return false;
        }
        for (char x = a; x <= b; x++) {
          set[x] = true;
        }
        k += 2;
      } else {
        set[a] = true;
      }
    }
    return true;
  }

  /** Whether the whole of {@code s} matches. */
  boolean matches(String s) {
    int at = 0;
    int n = s.length();
    int last = classes.length - 1;
    for (int e = 0; e < last; e++) {
      if (n - at < min[e]) {
        return false;
      }
      for (int k = 0; k < min[e]; k++) {
        if (!in(classes[e], s.charAt(at++))) {
          return false;
        }
      }
    }
    int rest = n - at;
    if (rest < min[last] || rest > max[last]) {
      return false;
    }
    for (; at < n; at++) {
      if (!in(classes[last], s.charAt(at))) {
        return false;
      }
    }
    return true;
  }

  private static boolean in(boolean[] set, char c) {
    return c < 128 && set[c];
  }
}
