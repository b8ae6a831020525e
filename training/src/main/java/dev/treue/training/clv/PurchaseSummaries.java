package dev.treue.training.clv;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;

import dev.treue.core.clv.GammaGammaFit;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.clv.SpendSummary;
import dev.treue.core.event.EventType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-member purchase summaries for the buy-till-you-die models, from validated events: purchases
 * on one UTC day are one transaction (as in the BG/NBD paper), x = purchase days - 1, t_x = last
 * minus first purchase day, T = calibration end minus first purchase day, in the time unit. Members
 * whose first purchase is after the calibration end have no summary. One groupBy, so it runs on
 * millions of members; the fit then runs on the collected summaries.
 */
public final class PurchaseSummaries {

  private PurchaseSummaries() {}

  /**
   * @param events validated events
   * @param calibrationEnd last day of the calibration period, inclusive
   * @param unitDays 1 for days, 7 for weeks
   * @return {@code customer_id, frequency, recency, age}
   */
  public static Dataset<Row> of(Dataset<Row> events, LocalDate calibrationEnd, int unitDays) {
    long end = calibrationEnd.toEpochDay();
    return events
        .filter(
            col("type")
                .equalTo(EventType.PURCHASE.wireName())
                .and(col("ts_millis").lt((end + 1) * DAY_MILLIS)))
        .withColumn("day", floor(col("ts_millis").divide(DAY_MILLIS)))
        .groupBy(col("customer_id"))
        .agg(
            countDistinct(col("day")).as("days"),
            min(col("day")).as("first"),
            max(col("day")).as("last"))
        .select(
            col("customer_id"),
            col("days").minus(1).cast("int").as("frequency"),
            col("last").minus(col("first")).divide(unitDays).as("recency"),
            lit(end).minus(col("first")).divide(unitDays).as("age"));
  }

  /**
   * Per member with purchases by the calibration end, the inputs of
   * {@link SpendSummary#repeatPurchaseMeanSpend} (the published Gamma-Gamma convention {@code train clv}
   * fits on): purchase days, the gross value of the purchases on them (returns not subtracted) and the
   * value of the first day's purchases. The rule itself, what is counted, is applied in the driver by
   * {@link #collectSpends}, so it is written once, in core.
   *
   * @return {@code customer_id, purchase_days, gross_value, first_day_value}
   */
  public static Dataset<Row> spends(Dataset<Row> events, LocalDate calibrationEnd) {
    long end = calibrationEnd.toEpochDay();
    Dataset<Row> days =
        events
            .filter(
                col("type")
                    .equalTo(EventType.PURCHASE.wireName())
                    .and(col("ts_millis").lt((end + 1) * DAY_MILLIS)))
            .withColumn("day", floor(col("ts_millis").divide(DAY_MILLIS)))
            .groupBy(col("customer_id"), col("day"))
            .agg(sum(col("amount")).as("value"));
    return days.groupBy(col("customer_id"))
        .agg(
            count(lit(1)).cast("int").as("purchase_days"),
            sum(col("value")).as("gross_value"),
            min_by(col("value"), col("day")).as("first_day_value"));
  }

  /** The Gamma-Gamma inputs in the driver: {@link SpendSummary#repeatPurchaseMeanSpend} per member. */
  public static List<GammaGammaFit.Spend> collectSpends(Dataset<Row> spends) {
    List<GammaGammaFit.Spend> out = new ArrayList<>();
    for (Row r : spends.select("purchase_days", "gross_value", "first_day_value").collectAsList()) {
      out.add(SpendSummary.repeatPurchaseMeanSpend(r.getInt(0), r.getDouble(1), r.getDouble(2)));
    }
    return out;
  }

  /** The summaries in the driver, for the fit. */
  public static List<PurchaseSummary> collect(Dataset<Row> summaries) {
    List<PurchaseSummary> out = new ArrayList<>();
    for (Row r : summaries.select("frequency", "recency", "age").collectAsList()) {
      out.add(new PurchaseSummary(r.getInt(0), r.getDouble(1), r.getDouble(2)));
    }
    return out;
  }
}
