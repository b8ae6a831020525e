package dev.treue.training.report;

import java.util.Locale;

/** Escaping and number formatting shared by the HTML page and its SVG charts. */
final class HtmlText {
  private HtmlText() {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A number with fixed decimals, or an em dash for a missing (NaN) value. */
  static String number(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return "\u2014";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
