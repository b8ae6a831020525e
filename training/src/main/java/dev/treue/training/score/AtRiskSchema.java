package dev.treue.training.score;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of the at-risk list, in file order. */
public final class AtRiskSchema {
  public static final StructType SCHEMA = new StructType()
      .add("customer_id", DataTypes.StringType, false)
      .add("churn_probability", DataTypes.DoubleType, false)
      .add("risk_band", DataTypes.StringType, false)
      .add("reasons", DataTypes.StringType, false)
      .add("tier", DataTypes.StringType, true)
      .add("segment", DataTypes.StringType, true)
      .add("last_purchase", DataTypes.StringType, true)
      .add("value_at_risk", DataTypes.DoubleType, false);

  /** Separator between reasons inside the {@code reasons} column. */
  public static final String REASON_SEPARATOR = "; ";

  private AtRiskSchema() {}
}
