package dev.treue.training.materialize;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows between the two stages of a load: what to write for one member, already encoded. A null
 * state means the member withheld profiling consent; a null row (and scores) means they are
 * not listed.
 */
final class LoadRows {
  static final int ID = 0;
  static final int STATE = 1;
  static final int AT_RISK = 2;
  static final int PROBABILITY = 3;
  static final int VALUE_AT_RISK = 4;

  static final StructType SCHEMA =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("state", DataTypes.BinaryType, true)
          .add("at_risk", DataTypes.StringType, true)
          .add("churn_probability", DataTypes.DoubleType, true)
          // the row's score by value (AtRiskOrder): carried so the writer need not parse the row
          .add("value_at_risk", DataTypes.DoubleType, true);

  private LoadRows() {}
}
