package dev.treue.training.clv;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;

import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.event.EventType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The calibration members' summaries beside what they did next: per member with a purchase by the
 * calibration end, the {@link PurchaseSummaries} row and the purchase days in the holdout
 * (calibration end, holdout end]. Purchases on one day are one transaction, as in the summaries, so
 * every holdout purchase day of a calibration member is a repeat transaction. Members whose first
 * purchase falls in the holdout are not calibration members and are left out.
 */
public final class HoldoutPurchases {

  private HoldoutPurchases() {}

  /**
   * The calibration members in the driver, in one order.
   *
   * @param summaries per member, in the unit
   * @param holdoutPurchases per member, purchase days in the holdout
   */
  public record Members(List<PurchaseSummary> summaries, int[] holdoutPurchases) {
    public Members {
      holdoutPurchases = holdoutPurchases.clone();
    }

    @Override
    public int[] holdoutPurchases() {
      return holdoutPurchases.clone();
    }
  }

  /**
   * @param events validated events
   * @param calibrationEnd last calibration day, inclusive
   * @param holdoutEnd last holdout day, inclusive (the calibration end itself: an empty holdout)
   * @param unitDays days per time unit
   * @return {@code customer_id, frequency, recency, age, holdout_purchases}
   */
  public static Dataset<Row> of(
      Dataset<Row> events, LocalDate calibrationEnd, LocalDate holdoutEnd, int unitDays) {
    Dataset<Row> summaries = PurchaseSummaries.of(events, calibrationEnd, unitDays);
    Dataset<Row> holdout =
        events
            .filter(
                col("type")
                    .equalTo(EventType.PURCHASE.wireName())
                    .and(col("ts_millis").geq((calibrationEnd.toEpochDay() + 1) * DAY_MILLIS))
                    .and(col("ts_millis").lt((holdoutEnd.toEpochDay() + 1) * DAY_MILLIS)))
            .withColumn("day", floor(col("ts_millis").divide(DAY_MILLIS)))
            .groupBy(col("customer_id").as("holdout_customer_id"))
            .agg(countDistinct(col("day")).cast("int").as("holdout_purchases"));
    return summaries
        .join(holdout, col("customer_id").equalTo(col("holdout_customer_id")), "left")
        .select(
            col("customer_id"),
            col("frequency"),
            col("recency"),
            col("age"),
            coalesce(col("holdout_purchases"), lit(0)).as("holdout_purchases"));
  }

  /** The rows of {@link #of} in the driver. */
  public static Members collect(Dataset<Row> rows) {
    List<Row> collected =
        rows.select("frequency", "recency", "age", "holdout_purchases").collectAsList();
    List<PurchaseSummary> summaries = new ArrayList<>(collected.size());
    int[] holdout = new int[collected.size()];
    for (int i = 0; i < holdout.length; i++) {
      Row r = collected.get(i);
      summaries.add(new PurchaseSummary(r.getInt(0), r.getDouble(1), r.getDouble(2)));
      holdout[i] = r.getInt(3);
    }
    return new Members(summaries, holdout);
  }
}
