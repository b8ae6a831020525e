package dev.treue.training.snapshot;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of a feature snapshot: one row per member and cutoff. */
public final class SnapshotSchema {
  public static final String CUSTOMER_ID = "customer_id";

  /** The cutoff as a UTC epoch day; features see events up to the end of that day. */
  public static final String CUTOFF_DAY = "cutoff_day";

  /** The churn feature vector in {@code ChurnFeatures.SPEC} order. */
  public static final String FEATURES = "features";

  /** 1 = no purchase in (cutoff, cutoff + horizon]; null when that window is not complete. */
  public static final String LABEL = "label";

  public static final String TIER = "tier";
  public static final String SEGMENT = "segment";

  /** Epoch day of the last purchase, null when none. */
  public static final String LAST_PURCHASE_DAY = "last_purchase_day";

  /**
   * The member's group at the cutoff ({@code MemberStatus.wireName()}: active, lapsed,
   * never_purchased), for the activity window the snapshots were built with.
   */
  public static final String STATUS = "status";

  public static final StructType SCHEMA =
      new StructType()
          .add(CUSTOMER_ID, DataTypes.StringType, false)
          .add(CUTOFF_DAY, DataTypes.IntegerType, false)
          .add(FEATURES, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
          .add(LABEL, DataTypes.IntegerType, true)
          .add(TIER, DataTypes.StringType, true)
          .add(SEGMENT, DataTypes.StringType, true)
          .add(LAST_PURCHASE_DAY, DataTypes.IntegerType, true)
          .add(STATUS, DataTypes.StringType, false);

  private SnapshotSchema() {}

  /** The feature vector of a snapshot row as Spark gives it back (a sequence of doubles). */
  public static double[] features(Row row) {
    List<Double> list = row.getList(SCHEMA.fieldIndex(FEATURES));
    double[] x = new double[list.size()];
    for (int j = 0; j < x.length; j++) {
      x[j] = list.get(j);
    }
    return x;
  }
}
