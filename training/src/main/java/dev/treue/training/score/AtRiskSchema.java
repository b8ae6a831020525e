package dev.treue.training.score;

import dev.treue.core.churn.ChurnScore;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of the at-risk list, in file order. */
public final class AtRiskSchema {
  /**
   * The scored columns: churn, reasons, profile, value at risk (churn probability x CLV), and the
   * lifetime model's CLV and P(alive), as {@link dev.treue.core.churn.MemberValueFigures} defines
   * them: a member who never purchased has CLV 0 and no P(alive) (null; an empty CSV cell). Only
   * active members have a churn probability, band and value at risk; a lapsed member's reasons are
   * the win-back figures in words ({@link dev.treue.core.churn.WinBack}), and value at risk is empty
   * (0 for a member who never purchased, as in the service).
   */
  public static final StructType SCORED =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("churn_probability", DataTypes.DoubleType, true)
          .add("risk_band", DataTypes.StringType, true)
          .add("reasons", DataTypes.StringType, false)
          .add("tier", DataTypes.StringType, true)
          .add("segment", DataTypes.StringType, true)
          .add("last_purchase", DataTypes.StringType, true)
          .add("value_at_risk", DataTypes.DoubleType, true)
          .add("clv", DataTypes.DoubleType, false)
          .add("p_alive", DataTypes.DoubleType, true);

  /**
   * The member's group ({@link dev.treue.core.customer.MemberStatus#wireName()}) under the model's
   * activity window, and the win-back figures of a lapsed member: expected purchases in the next 90
   * days (every member who purchased) and the win-back value, the same expected purchases ({@link
   * dev.treue.core.churn.WinBack#value}; lapsed only).
   */
  public static final StructType STATUS =
      new StructType()
          .add("status", DataTypes.StringType, false)
          .add("expected_purchases_90", DataTypes.DoubleType, true)
          .add("win_back_value", DataTypes.DoubleType, true);

  /**
   * The recommended retention offer of a member: its id, redemption probability, expected value
   * under the ranking policy and the explanation; one row per member who has one.
   */
  public static final StructType RETENTION =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("retention_offer_id", DataTypes.StringType, true)
          .add("retention_offer_p", DataTypes.DoubleType, true)
          .add("retention_offer_ev", DataTypes.DoubleType, true)
          .add("retention_offer_why", DataTypes.StringType, true);

  /**
   * When the list was scored (an ISO instant, {@code 2026-03-31T06:00:00.123Z}) and the as-of day
   * its features were computed for ({@code 2026-03-31}), as the service's rows carry them.
   */
  public static final StructType RUN =
      new StructType()
          .add("scored_at", DataTypes.StringType, false)
          .add("as_of", DataTypes.StringType, false);

  /**
   * The file: the scored columns, the retention offer (empty below the threshold, for members who are
   * not active, or without a model), the status and win-back columns, then the run's columns (added
   * last, so the earlier columns keep their places): {@link
   * dev.treue.core.i18n.ListColumn#MEMBER_LIST}, the service's CSV columns too.
   */
  public static final StructType SCHEMA = retentionAppended();

  /** Separator between reasons inside the {@code reasons} column: the one for every output. */
  public static final String REASON_SEPARATOR = ChurnScore.REASON_SEPARATOR;

  private AtRiskSchema() {}

  private static StructType retentionAppended() {
    StructType all = SCORED;
    for (int i = 1; i < RETENTION.fields().length; i++) {
      all = all.add(RETENTION.fields()[i]);
    }
    for (var field : STATUS.fields()) {
      all = all.add(field);
    }
    for (var field : RUN.fields()) {
      all = all.add(field);
    }
    return all;
  }
}
