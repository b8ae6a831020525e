package dev.treue.training.score;

import dev.treue.core.churn.ChurnScore;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of the at-risk list, in file order. */
public final class AtRiskSchema {
  /**
   * The scored columns: churn, reasons, profile, value at risk (churn probability x CLV), and the
   * lifetime model's CLV and P(alive), as {@link dev.treue.core.churn.MemberValueFigures} defines
   * them: a member who never purchased has CLV 0 and no P(alive) (null; an empty CSV cell).
   */
  public static final StructType SCORED =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("churn_probability", DataTypes.DoubleType, false)
          .add("risk_band", DataTypes.StringType, false)
          .add("reasons", DataTypes.StringType, false)
          .add("tier", DataTypes.StringType, true)
          .add("segment", DataTypes.StringType, true)
          .add("last_purchase", DataTypes.StringType, true)
          .add("value_at_risk", DataTypes.DoubleType, false)
          .add("clv", DataTypes.DoubleType, false)
          .add("p_alive", DataTypes.DoubleType, true);

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

  /** The file: the scored columns, then the retention offer (empty below the threshold or without a model). */
  public static final StructType SCHEMA = retentionAppended();

  /** Separator between reasons inside the {@code reasons} column: the one for every output. */
  public static final String REASON_SEPARATOR = ChurnScore.REASON_SEPARATOR;

  private AtRiskSchema() {}

  private static StructType retentionAppended() {
    StructType all = SCORED;
    for (int i = 1; i < RETENTION.fields().length; i++) {
      all = all.add(RETENTION.fields()[i]);
    }
    return all;
  }
}
