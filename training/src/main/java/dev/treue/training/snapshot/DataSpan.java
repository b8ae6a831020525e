package dev.treue.training.snapshot;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** How far the data reaches: labels need a complete horizon, scoring defaults to the last day. */
public final class DataSpan {
  private DataSpan() {}

  /** The UTC day of the latest event. */
  public static LocalDate lastEventDay(Dataset<Row> events) {
    Row r = events.agg(max(col("ts_millis"))).first();
    if (r.isNullAt(0)) {
      throw new IllegalStateException("the events table is empty");
    }
    return LocalDate.ofEpochDay(Math.floorDiv(r.getLong(0), DAY_MILLIS));
  }

  /** The UTC day of the earliest event: no cutoff before it has anything to learn from. */
  public static LocalDate firstEventDay(Dataset<Row> events) {
    Row r = events.agg(min(col("ts_millis"))).first();
    if (r.isNullAt(0)) {
      throw new IllegalStateException("the events table is empty");
    }
    return LocalDate.ofEpochDay(Math.floorDiv(r.getLong(0), DAY_MILLIS));
  }
}
