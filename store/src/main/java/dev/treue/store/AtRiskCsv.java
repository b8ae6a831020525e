package dev.treue.store;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.ListColumn;
import dev.treue.core.i18n.SpreadsheetCsv;
import dev.treue.core.reason.ReasonWords;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An at-risk row ({@link AtRiskEntry}) as a line of the member list export: the columns of {@link
 * ListColumn#MEMBER_LIST}, the batch {@code atrisk*.csv} files' columns too, each cell written by
 * {@link ListColumn#cell}. Here in store so the service writes it and a batch job's test can check
 * its files against it. The retention offer cells are the row's {@link RetentionOffer}, empty
 * when it has none.
 */
public final class AtRiskCsv {
  /** The columns, in file order. */
  public static final List<ListColumn> COLUMNS = ListColumn.MEMBER_LIST;

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
   * Appends the row's line and a line break in {@code words}' language: reasons phrased in it and
   * joined with "; ", empty where JSON has null.
   */
  public static void line(StringBuilder b, AtRiskEntry row, ReasonWords words) {
    Language lang = words.language();
    b.append(SpreadsheetCsv.line(lang, COLUMNS, values(row, words))).append('\n');
  }

  /** The row's values in {@link #COLUMNS} order, null for an empty cell. */
  public static List<Object> values(AtRiskEntry row, ReasonWords words) {
    List<Object> values = new ArrayList<>(COLUMNS.size());
    for (ListColumn c : COLUMNS) {
      values.add(value(row, c, words));
    }
    return values;
  }

  private static Object value(AtRiskEntry row, ListColumn column, ReasonWords words) {
    RetentionOffer offer = row.retentionOffer();
    return switch (column) {
      case CUSTOMER_ID -> row.customerId();
      case CHURN_PROBABILITY -> row.active() ? row.probability() : null;
      case RISK_BAND -> row.band();
      case REASONS -> ChurnScore.joined(row.reasons(words));
      case TIER -> row.tier();
      case SEGMENT -> row.segment();
      case LAST_PURCHASE ->
          row.lastPurchaseDay() == null ? null : LocalDate.ofEpochDay(row.lastPurchaseDay());
      case VALUE_AT_RISK -> valueAtRisk(row);
      case CLV -> row.clv();
      case P_ALIVE -> row.probabilityAlive();
      case SCORED_AT -> Instant.ofEpochMilli(row.scoredAtMillis());
      case AS_OF -> LocalDate.ofEpochDay(row.asOfDay());
      case RETENTION_OFFER_ID -> offer == null ? null : offer.offerId();
      case RETENTION_OFFER_P -> offer == null ? null : offer.probability();
      case RETENTION_OFFER_EV -> offer == null ? null : offer.expectedValue();
      case RETENTION_OFFER_WHY -> offer == null ? null : ChurnScore.joined(offer.why(words));
      case STATUS -> row.status().wireName();
      case EXPECTED_PURCHASES_90 -> row.expectedPurchases90();
      case WIN_BACK_VALUE -> row.winBackValue();
    };
  }
}
