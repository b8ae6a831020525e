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
  public static final StructType EVENTS =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("event_id", DataTypes.StringType, false),
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("ts_millis", DataTypes.LongType, false),
            DataTypes.createStructField("type", DataTypes.StringType, false),
            DataTypes.createStructField("amount", DataTypes.DoubleType, false),
            DataTypes.createStructField("points", DataTypes.LongType, false),
            DataTypes.createStructField("category", DataTypes.StringType, true),
            DataTypes.createStructField("offer_id", DataTypes.StringType, true),
            DataTypes.createStructField("channel", DataTypes.StringType, true)
          });

  /**
   * Valid members: {@code customer_id} string, {@code signup_day} int (epoch day), {@code tier}
   * string (lower case, basic when blank), {@code birth_day} int (null when unknown), {@code segment}
   * and {@code channel} nullable strings, {@code profiling_consent} boolean.
   */
  public static final StructType MEMBERS =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("signup_day", DataTypes.IntegerType, false),
            DataTypes.createStructField("tier", DataTypes.StringType, false),
            DataTypes.createStructField("birth_day", DataTypes.IntegerType, true),
            DataTypes.createStructField("segment", DataTypes.StringType, true),
            DataTypes.createStructField("channel", DataTypes.StringType, true),
            DataTypes.createStructField("profiling_consent", DataTypes.BooleanType, false)
          });

  /**
   * Valid offers: {@code offer_id}, {@code kind} (wire name) strings, {@code category} nullable
   * string, {@code value}, {@code cost} doubles, {@code points_cost} long, {@code min_tier_rank},
   * {@code valid_from_day}, {@code valid_to_day} ints (epoch days), {@code budget} double (infinite
   * when unlimited), {@code per_customer_cap} int, {@code channels} string ({@code |}-separated,
   * empty = any). {@link OfferTable#offers} turns them back into core offers.
   */
  public static final StructType OFFERS =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("offer_id", DataTypes.StringType, false),
            DataTypes.createStructField("kind", DataTypes.StringType, false),
            DataTypes.createStructField("category", DataTypes.StringType, true),
            DataTypes.createStructField("value", DataTypes.DoubleType, false),
            DataTypes.createStructField("cost", DataTypes.DoubleType, false),
            DataTypes.createStructField("points_cost", DataTypes.LongType, false),
            DataTypes.createStructField("min_tier_rank", DataTypes.IntegerType, false),
            DataTypes.createStructField("valid_from_day", DataTypes.IntegerType, false),
            DataTypes.createStructField("valid_to_day", DataTypes.IntegerType, false),
            DataTypes.createStructField("budget", DataTypes.DoubleType, false),
            DataTypes.createStructField("per_customer_cap", DataTypes.IntegerType, false),
            DataTypes.createStructField("channels", DataTypes.StringType, false)
          });

  /**
   * Valid impressions: {@code impression_id} ({@code ranking_id/offer_id}, the key), {@code ranking_id},
   * {@code customer_id}, {@code offer_id} strings, {@code ts_millis} long, {@code propensity} double
   * in (0, 1], {@code policy} nullable string.
   */
  public static final StructType IMPRESSIONS =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("impression_id", DataTypes.StringType, false),
            DataTypes.createStructField("ranking_id", DataTypes.StringType, false),
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("offer_id", DataTypes.StringType, false),
            DataTypes.createStructField("ts_millis", DataTypes.LongType, false),
            DataTypes.createStructField("propensity", DataTypes.DoubleType, false),
            DataTypes.createStructField("policy", DataTypes.StringType, true)
          });
}
