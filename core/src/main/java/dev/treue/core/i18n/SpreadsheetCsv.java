package dev.treue.core.i18n;

import java.util.List;

/**
 * CSV as a spreadsheet in each {@link Language} opens it (RFC 4180 otherwise): English files use
 * {@code ,} between cells and a decimal point; German ones {@code ;} and a decimal comma, as German
 * Excel and LibreOffice expect, with a German header row ({@link ListColumn}). A cell holding the
 * separator, a quote or a line break is quoted, quotes doubled, so a reason list joined with
 * {@code "; "} stays one cell in a {@code ;} file.
 */
public final class SpreadsheetCsv {
  private SpreadsheetCsv() {}

  /** The cell separator: ',' in English, ';' in German. */
  public static char separator(Language language) {
    return language == Language.DE ? ';' : ',';
  }

  /**
   * What a file starts with: in German the UTF-8 byte order mark, without which Excel reads a CSV as
   * Windows-1252 and garbles every umlaut; nothing in English, whose tools take plain UTF-8.
   */
  public static String start(Language language) {
    return language == Language.DE ? "\uFEFF" : "";
  }

  /** The header line (no line break) of these columns. */
  public static String header(Language language, List<ListColumn> columns) {
    StringBuilder b = new StringBuilder();
    for (ListColumn c : columns) {
      if (b.length() > 0) {
        b.append(separator(language));
      }
      text(b, language, c.header(language));
    }
    return b.toString();
  }

  /**
   * A data line (no line break) of these columns: each value written as its column's cell ({@link
   * ListColumn#cell}), quoted when it must be.
   *
   * @param values one per column, in the same order; null for an empty cell
   */
  public static String line(Language language, List<ListColumn> columns, List<?> values) {
    if (values.size() != columns.size()) {
      throw new IllegalArgumentException(
          columns.size() + " columns but " + values.size() + " values");
    }
    StringBuilder b = new StringBuilder(16 * columns.size());
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        b.append(separator(language));
      }
      text(b, language, columns.get(i).cell(language, values.get(i)));
    }
    return b.toString();
  }

  /** Appends a text cell, quoted when it must be. */
  public static StringBuilder text(StringBuilder b, Language language, String text) {
    char sep = separator(language);
    if (text.indexOf(sep) < 0
        && text.indexOf('"') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return b.append(text);
    }
    return b.append('"').append(text.replace("\"", "\"\"")).append('"');
  }
}
