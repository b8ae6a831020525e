package dev.treue.training.triggers;

import static dev.treue.core.time.Days.DAY_MILLIS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.trigger.TimeTriggerEvaluator;
import dev.treue.training.replay.MemberReplay;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * One partition of member histories ({@link dev.treue.training.replay.MemberHistories} rows) to
 * their due time-driven firings: each consenting member who signed up by the as-of day is replayed
 * once to the end of that day and asked {@link TimeTriggerEvaluator#evaluate}. A member's firings
 * come out next to each other, so a later stage can claim them per member. Members without
 * profiling consent fire nothing, as the service's claim refuses opted-out members.
 */
final class DueFirings implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String CUSTOMER_ID = "customer_id";
  static final String FIRING_ID = "firing_id";
  static final String KIND = "kind";
  static final String PERIOD_DAY = "period_day";
  static final String HELD_OUT = "held_out";
  static final String STATUS = "status";
  static final String DETAILS = "details";

  /** One row per due firing; {@code details} is the kind's fields as a JSON object. */
  static final StructType SCHEMA =
      new StructType()
          .add(CUSTOMER_ID, DataTypes.StringType, false)
          .add(FIRING_ID, DataTypes.StringType, false)
          .add(KIND, DataTypes.StringType, false)
          .add(PERIOD_DAY, DataTypes.IntegerType, false)
          .add(HELD_OUT, DataTypes.BooleanType, false)
          .add(STATUS, DataTypes.StringType, false)
          .add(DETAILS, DataTypes.StringType, false);

  private final SweepSettings settings;
  private final LongAccumulator replayed;

  /** @param replayed counts the members replayed (progress and the summary) */
  DueFirings(SweepSettings settings, LongAccumulator replayed) {
    this.settings = settings;
    this.replayed = replayed;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> histories) {
    int asOf = settings.asOfDay();
    long endMillis = (asOf + 1L) * DAY_MILLIS;
    List<Row> out = new ArrayList<>();
    long members = 0;
    while (histories.hasNext()) {
      Row row = histories.next();
      Member member = MemberReplay.member(row);
      if (!member.profilingConsent() || member.signupEpochDay() > asOf) {
        continue;
      }
      CustomerState state =
          MemberReplay.stateBefore(member, MemberReplay.sortedEvents(row), endMillis);
      members++;
      List<TimeTriggerEvaluator.Due> due =
          TimeTriggerEvaluator.evaluate(state, asOf, settings.triggers(), settings.activeDays());
      if (due.isEmpty()) {
        continue;
      }
      String id = state.customerId();
      boolean heldOut = settings.holdout().heldOut(id);
      String status = MemberStatus.of(state, asOf, settings.activeDays()).wireName();
      for (TimeTriggerEvaluator.Due d : due) {
        out.add(
            RowFactory.create(
                id,
                d.firingId(),
                d.kind().wireName(),
                d.periodDay(),
                heldOut,
                status,
                json(d.details())));
      }
    }
    replayed.add(members);
    return out.iterator();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
