package dev.treue.store;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.ListColumn;
import dev.treue.core.i18n.SpreadsheetCsv;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An at-risk row ({@link AtRiskEntry}) as a line of the service's CSV export: here in store so the
 * service writes it and a batch job's test can compare its files with what the service would write.
 */
public final class AtRiskCsv {
  /** The service CSV's columns, in file order. */
  public static final List<ListColumn> COLUMNS =
      List.of(
          ListColumn.CUSTOMER_ID,
          ListColumn.CHURN_PROBABILITY,
          ListColumn.RISK_BAND,
          ListColumn.TIER,
          ListColumn.SEGMENT,
          ListColumn.VALUE_AT_RISK,
          ListColumn.CLV,
          ListColumn.P_ALIVE,
          ListColumn.REASONS,
          ListColumn.SCORED_AT,
          ListColumn.AS_OF,
          ListColumn.STATUS,
          ListColumn.EXPECTED_PURCHASES_90,
          ListColumn.WIN_BACK_VALUE);

  private AtRiskCsv() {}

  /**
   * The row's value at risk as the churn-risk answer gives it: an active member's, 0 for one who
   * never purchased (nothing to lose yet), null for a lapsed one (no churn probability).
   */
  public static Double valueAtRisk(AtRiskEntry row) {
    return switch (row.status()) {
      case ACTIVE -> row.valueAtRisk();
      case NEVER_PURCHASED -> 0.0;
      case LAPSED -> null;
    };
  }

  /**
   * A CSV line: the JSON row's fields, empty where JSON has null, reasons joined with "; " (quoted
   * in a German file, whose separator is ';'), numbers with the language's decimal mark.
   */
  public static void line(StringBuilder b, AtRiskEntry row, Language lang) {
    char sep = SpreadsheetCsv.separator(lang);
    SpreadsheetCsv.text(b, lang, row.customerId()).append(sep);
    SpreadsheetCsv.number(b, lang, row.active() ? row.probability() : null).append(sep);
    b.append(row.band() == null ? "" : row.band()).append(sep);
    SpreadsheetCsv.text(b, lang, row.tier()).append(sep);
    SpreadsheetCsv.text(b, lang, row.segment() == null ? "" : row.segment()).append(sep);
    SpreadsheetCsv.number(b, lang, valueAtRisk(row)).append(sep);
    SpreadsheetCsv.number(b, lang, row.clv()).append(sep);
    SpreadsheetCsv.number(b, lang, row.probabilityAlive()).append(sep);
    SpreadsheetCsv.text(b, lang, ChurnScore.joined(row.reasons())).append(sep);
    b.append(Instant.ofEpochMilli(row.scoredAtMillis()))
        .append(sep)
        .append(LocalDate.ofEpochDay(row.asOfDay()))
        .append(sep)
        .append(row.status().wireName())
        .append(sep);
    SpreadsheetCsv.number(b, lang, row.expectedPurchases90()).append(sep);
    SpreadsheetCsv.number(b, lang, row.winBackValue()).append('\n');
  }
}
