package dev.treue.training.ingest;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark schemas of validated contract tables, as {@link LoyaltyReader} returns them. */
public final class LoyaltySchemas {
  private LoyaltySchemas() {}

  /**
   * Valid events: {@code event_id} string, {@code customer_id} string, {@code ts_millis} long (epoch
   * milliseconds UTC), {@code type} string (wire name), {@code amount} double, {@code points} long,
   * {@code category}, {@code offer_id}, {@code channel} nullable strings.
   */
  public static final StructType EVENTS = new StructType(new StructField[] {
      DataTypes.createStructField("event_id", DataTypes.StringType, false),
      DataTypes.createStructField("customer_id", DataTypes.StringType, false),
      DataTypes.createStructField("ts_millis", DataTypes.LongType, false),
      DataTypes.createStructField("type", DataTypes.StringType, false),
      DataTypes.createStructField("amount", DataTypes.DoubleType, false),
      DataTypes.createStructField("points", DataTypes.LongType, false),
      DataTypes.createStructField("category", DataTypes.StringType, true),
      DataTypes.createStructField("offer_id", DataTypes.StringType, true),
      DataTypes.createStructField("channel", DataTypes.StringType, true)});

  /**
   * Valid members: {@code customer_id} string, {@code signup_day} int (epoch day), {@code tier}
   * string (lower case, basic when blank), {@code birth_day} int (null when unknown), {@code segment}
   * and {@code channel} nullable strings, {@code profiling_consent} boolean.
   */
  public static final StructType MEMBERS = new StructType(new StructField[] {
      DataTypes.createStructField("customer_id", DataTypes.StringType, false),
      DataTypes.createStructField("signup_day", DataTypes.IntegerType, false),
      DataTypes.createStructField("tier", DataTypes.StringType, false),
      DataTypes.createStructField("birth_day", DataTypes.IntegerType, true),
      DataTypes.createStructField("segment", DataTypes.StringType, true),
      DataTypes.createStructField("channel", DataTypes.StringType, true),
      DataTypes.createStructField("profiling_consent", DataTypes.BooleanType, false)});
}
