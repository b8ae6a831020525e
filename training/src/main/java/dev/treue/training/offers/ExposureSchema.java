package dev.treue.training.offers;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Columns of one offer exposure row, as {@link MemberExposures} emits them. */
final class ExposureSchema {
  static final String CUSTOMER_ID = "customer_id";
  static final String OFFER_ID = "offer_id";
  static final String SENT_MILLIS = "sent_millis";
  static final String SENT_DAY = "sent_day";
  static final String VALID_TO_DAY = "valid_to_day";
  static final String FEATURES = "features";

  /** 1 when the member redeemed the offer after the send, on or before its last valid day. */
  static final String REDEEMED = "redeemed";

  /** Kind of the offer the member redeemed last before the send, or null. */
  static final String LAST_REDEEMED_KIND = "last_redeemed_kind";

  /** Logging propensity from the impressions table, or null when none matched. */
  static final String PROPENSITY = "propensity";

  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(CUSTOMER_ID, DataTypes.StringType, false),
            DataTypes.createStructField(OFFER_ID, DataTypes.StringType, false),
            DataTypes.createStructField(SENT_MILLIS, DataTypes.LongType, false),
            DataTypes.createStructField(SENT_DAY, DataTypes.IntegerType, false),
            DataTypes.createStructField(VALID_TO_DAY, DataTypes.IntegerType, false),
            DataTypes.createStructField(
                FEATURES, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField(REDEEMED, DataTypes.IntegerType, false),
            DataTypes.createStructField(LAST_REDEEMED_KIND, DataTypes.StringType, true)
          });

  private ExposureSchema() {}
}
