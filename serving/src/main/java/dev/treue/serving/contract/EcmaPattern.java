package dev.treue.serving.contract;

/**
 * A contract {@code pattern} (ECMA-262, as JSON Schema specifies) in Java's regex syntax. The two
 * differ where it matters for ids: ECMA's {@code $} (without the multiline flag) matches only at the
 * end of the text, Java's also before a final line break ({@code \n}, {@code \r\n}, U+0085, U+2028,
 * U+2029), so {@code ^[a-z]+$} would let {@code "abc\n"} through a {@code find()}. Each unescaped
 * {@code $} outside a character class becomes {@code \z}.
 */
final class EcmaPattern {
  private EcmaPattern() {}

  /** The pattern with ECMA's end anchor spelt as Java's. */
  static String toJava(String ecma) {
    StringBuilder out = new StringBuilder(ecma.length() + 4);
    boolean inClass = false;
    for (int i = 0; i < ecma.length(); i++) {
      char c = ecma.charAt(i);
      if (c == '\\' && i + 1 < ecma.length()) {
        out.append(c).append(ecma.charAt(++i));
      } else if (c == '[') {
        inClass = true;
        out.append(c);
      } else if (c == ']') {
        inClass = false;
        out.append(c);
      } else if (c == '$' && !inClass) {
        out.append("\\z");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
