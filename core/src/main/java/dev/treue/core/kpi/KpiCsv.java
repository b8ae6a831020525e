package dev.treue.core.kpi;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.ListColumn;
import dev.treue.core.i18n.Numbers;
import dev.treue.core.i18n.SpreadsheetCsv;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * KPI periods as a spreadsheet CSV, the one format of the service's {@code GET /v1/kpis} CSV and the
 * batch {@code kpis.csv}: the breakdown (tier, segment; empty for all members), the period (label,
 * start, end, whether it is complete), then every {@link Kpi} in order. Written the way {@link
 * SpreadsheetCsv} writes every export: English with the wire names as header, ',' between cells and
 * decimal points; German with German column names ({@link Kpi#header}), ';' between cells, decimal
 * commas and a UTF-8 byte order mark. Money has two decimals, other figures their exact digits;
 * empty where the JSON has null.
 */
public final class KpiCsv {
  private KpiCsv() {}

  /** One row: a breakdown's period and its KPI values (numbers; null or absent for empty). */
  public record Row(
      String tier,
      String segment,
      String period,
      String start,
      String end,
      boolean complete,
      Map<Kpi, ?> values) {}

  /** What the file starts with: the byte order mark in German ({@link SpreadsheetCsv#start}). */
  public static String start(Language language) {
    return SpreadsheetCsv.start(language);
  }

  /** The header line, without a line break. */
  public static String header(Language language) {
    boolean de = language == Language.DE;
    StringBuilder b = new StringBuilder();
    cell(b, language, ListColumn.TIER.header(language), false);
    cell(b, language, ListColumn.SEGMENT.header(language), true);
    cell(b, language, de ? "Zeitraum" : "period", true);
    cell(b, language, de ? "Beginn" : "start", true);
    cell(b, language, de ? "Ende" : "end", true);
    cell(b, language, de ? "Vollständig" : "complete", true);
    for (Kpi k : Kpi.values()) {
      cell(b, language, k.header(language), true);
    }
    return b.toString();
  }

  /** A data line, without a line break. */
  public static String line(Language language, Row row) {
    StringBuilder b = new StringBuilder(256);
    cell(b, language, row.tier() == null ? "" : row.tier(), false);
    cell(b, language, row.segment() == null ? "" : row.segment(), true);
    cell(b, language, row.period(), true);
    cell(b, language, row.start(), true);
    cell(b, language, row.end(), true);
    cell(b, language, complete(language, row.complete()), true);
    for (Kpi k : Kpi.values()) {
      cell(b, language, number(row.values().get(k), k.kind(), language), true);
    }
    return b.toString();
  }

  private static String complete(Language language, boolean complete) {
    if (language == Language.DE) {
      return complete ? "ja" : "nein";
    }
    return Boolean.toString(complete);
  }

  private static void cell(StringBuilder b, Language language, String text, boolean separated) {
    if (separated) {
      b.append(SpreadsheetCsv.separator(language));
    }
    SpreadsheetCsv.text(b, language, text);
  }

  private static String number(Object value, KpiKind kind, Language language) {
    if (!(value instanceof Number n)) {
      return "";
    }
    BigDecimal d = n instanceof BigDecimal big ? big : new BigDecimal(n.toString());
    String text =
        kind == KpiKind.MONEY
            ? d.setScale(2, RoundingMode.HALF_UP).toPlainString()
            : d.stripTrailingZeros().toPlainString();
    return text.replace('.', Numbers.decimalMark(language));
  }
}
