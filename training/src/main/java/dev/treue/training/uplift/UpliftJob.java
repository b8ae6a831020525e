package dev.treue.training.uplift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.treue.core.event.EventType;
import dev.treue.core.time.Days;
import dev.treue.core.trigger.FiringHistory;
import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.training.replay.MemberReplay;
import dev.treue.training.replay.StreamedHistories;
import dev.treue.training.replay.StreamedHistories.EventIds;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The two arms from the data, in one Spark pass. Members are those who signed up by the period's last day;
 * each is assigned by the {@link Holdout} (the same hash as the service). A member was contacted when an
 * {@code offer_sent} event falls in the period; the outcome window runs from the period's first day to
 * {@code horizon} days after its last, the same for both arms, and counts purchases and their amounts.
 */
public final class UpliftJob {
  /** The arms and the last day the events describe. */
  public record Arms(Arm treated, Arm heldOut, LocalDate lastEventDay) {}

  private UpliftJob() {}

  /**
   * @param members rows of the members table (schema {@code LoyaltySchemas.MEMBERS})
   * @param events rows of the events table (schema {@code LoyaltySchemas.EVENTS})
   */
  public static Arms arms(
      Dataset<Row> members,
      Dataset<Row> events,
      Holdout holdout,
      LocalDate from,
      LocalDate to,
      int horizonDays) {
    long fromMillis = from.toEpochDay() * Days.DAY_MILLIS;
    long periodEnd = (to.toEpochDay() + 1) * Days.DAY_MILLIS;
    long outcomeEnd = (to.toEpochDay() + 1 + horizonDays) * Days.DAY_MILLIS;
    double share = holdout.share();
    String salt = holdout.salt();
    UserDefinedFunction heldOut =
        functions.udf(
            (UDF1<String, Boolean>) id -> Holdout.of(share, salt).heldOut(id),
            DataTypes.BooleanType);
    var isPurchase = col("type").equalTo(EventType.PURCHASE.wireName());
    Dataset<Row> perMember =
        events
            .filter(col("ts_millis").geq(fromMillis).and(col("ts_millis").lt(outcomeEnd)))
            .groupBy("customer_id")
            .agg(
                max(when(
                            col("type")
                                .equalTo(EventType.OFFER_SENT.wireName())
                                .and(col("ts_millis").lt(periodEnd)),
                            1L)
                        .otherwise(0L))
                    .as("contacted"),
                sum(when(isPurchase, 1L).otherwise(0L)).as("purchases"),
                sum(when(isPurchase, col("amount")).otherwise(0.0)).as("spend"));
    Dataset<Row> assigned =
        members
            .filter(col("signup_day").leq(lit((int) to.toEpochDay())))
            .select("customer_id")
            .join(perMember, "customer_id", "left")
            .na()
            .fill(0L, new String[] {"contacted", "purchases"})
            .na()
            .fill(0.0, new String[] {"spend"})
            .withColumn("held_out", heldOut.apply(col("customer_id")));
    Arm treated = Arm.EMPTY;
    Arm held = Arm.EMPTY;
    for (Row r : sums(assigned.groupBy("held_out")).collectAsList()) {
      if (r.getBoolean(0)) {
        held = arm(r, 1);
      } else {
        treated = arm(r, 1);
      }
    }
    return new Arms(treated, held, lastEventDay(events));
  }

  /**
   * The arms of each trigger kind: the members (signed up by {@code to}) for whom the kind fired in the
   * period by the service's rules ({@link FiringHistory}), treated against held out, with outcomes in the
   * {@code horizonDays} after the kind's first firing for each member ({@link TriggerOutcomes}).
   *
   * @param activeDays the activity window of {@code became_lapsed}, as the service's model bundle has it
   * @return an entry for every kind asked for, empty arms where it never fired
   */
  public static Map<TriggerKind, Arms> byTrigger(
      Dataset<Row> members,
      Dataset<Row> events,
      Holdout holdout,
      List<TriggerKind> kinds,
      LocalDate from,
      LocalDate to,
      int horizonDays,
      int activeDays) {
    long outcomeEnd = (to.toEpochDay() + 2 + horizonDays) * Days.DAY_MILLIS;
    JavaRDD<Row> rows =
        StreamedHistories.histories(
                members.filter(col("signup_day").leq(lit((int) to.toEpochDay()))),
                MemberReplay.eventsForReplayBefore(events, outcomeEnd),
                EventIds.NOT_NEEDED)
            .mapPartitions(
                new TriggerOutcomes(
                    kinds,
                    holdout,
                    activeDays,
                    (int) from.toEpochDay(),
                    (int) to.toEpochDay(),
                    horizonDays));
    Dataset<Row> outcomes = members.sparkSession().createDataFrame(rows, TriggerOutcomes.SCHEMA);
    Map<TriggerKind, Arm[]> found = new EnumMap<>(TriggerKind.class);
    for (Row r : sums(outcomes.groupBy("kind", "held_out")).collectAsList()) {
      Arm[] pair =
          found.computeIfAbsent(
              TriggerKind.fromWire(r.getString(0)), k -> new Arm[] {Arm.EMPTY, Arm.EMPTY});
      pair[r.getBoolean(1) ? 1 : 0] = arm(r, 2);
    }
    LocalDate lastDay = lastEventDay(events);
    Map<TriggerKind, Arms> out = new EnumMap<>(TriggerKind.class);
    for (TriggerKind k : kinds) {
      Arm[] pair = found.getOrDefault(k, new Arm[] {Arm.EMPTY, Arm.EMPTY});
      out.put(k, new Arms(pair[0], pair[1], lastDay));
    }
    return out;
  }

  /** Per group: members, contacted, retained, and sums and sums of squares of purchases and spend. */
  private static Dataset<Row> sums(RelationalGroupedDataset groups) {
    return groups.agg(
        count(lit(1)).as("members"),
        sum("contacted").as("contacted"),
        sum(when(col("purchases").gt(0), 1L).otherwise(0L)).as("retained"),
        sum(col("purchases").cast("double")).as("purchases"),
        sum(col("purchases").cast("double").multiply(col("purchases"))).as("purchases2"),
        sum("spend").as("spend"),
        sum(col("spend").multiply(col("spend"))).as("spend2"));
  }

  /** The arm of a {@link #sums} row whose sums start at column {@code at}. */
  private static Arm arm(Row r, int at) {
    return new Arm(
        r.getLong(at),
        r.getLong(at + 1),
        r.getLong(at + 2),
        r.getDouble(at + 3),
        r.getDouble(at + 4),
        r.getDouble(at + 5),
        r.getDouble(at + 6));
  }

  private static LocalDate lastEventDay(Dataset<Row> events) {
    Row last = events.agg(max("ts_millis")).first();
    LocalDate lastDay =
        last.isNullAt(0)
            ? null
            : LocalDate.ofEpochDay(Math.floorDiv(last.getLong(0), Days.DAY_MILLIS));
    return lastDay;
  }
}
