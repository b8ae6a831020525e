package dev.treue.training.triggers;

import static dev.treue.core.time.Days.DAY_MILLIS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.reason.ReasonWords;
import dev.treue.core.trigger.TimeTriggerEvaluator;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.FiringPayload;
import dev.treue.training.materialize.AtRiskScoring;
import dev.treue.training.replay.MemberReplay;
import dev.treue.training.replay.StreamedHistories;
import dev.treue.training.score.RetentionOfferPicker;
import dev.treue.training.score.RetentionSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * One partition of member histories ({@link StreamedHistories#histories}) to
 * their due time-driven firings: each consenting member who signed up by the as-of day is replayed
 * once to the end of that day and asked {@link TimeTriggerEvaluator#evaluate}. A member's firings
 * come out next to each other, so a later stage can claim them per member. Members without
 * profiling consent fire nothing, as the service's claim refuses opted-out members.
 *
 * <p>Each firing's payload is store's {@link FiringPayload}, the service's definition. With a churn
 * model, the members with something due are scored in batches as {@code materialize} scores its
 * at-risk rows ({@link AtRiskScoring}), so the payload's figures are the row's; with an offers model
 * too, {@code best_reward} is the top of the member's ranking ({@link RetentionOfferPicker#best}),
 * else null.
 */
final class DueFirings implements FlatMapFunction<Iterator<StreamedHistories.History>, Row> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SCORE_BATCH = 1_000;

  static final String CUSTOMER_ID = "customer_id";
  static final String FIRING_ID = "firing_id";
  static final String KIND = "kind";
  static final String PERIOD_DAY = "period_day";
  static final String HELD_OUT = "held_out";
  static final String DETAILS = "details";
  static final String PAYLOAD = "payload";

  /**
   * One row per due firing; {@code details} is the kind's fields as a JSON object, {@code payload}
   * the whole payload as JSON.
   */
  static final StructType SCHEMA =
      new StructType()
          .add(CUSTOMER_ID, DataTypes.StringType, false)
          .add(FIRING_ID, DataTypes.StringType, false)
          .add(KIND, DataTypes.StringType, false)
          .add(PERIOD_DAY, DataTypes.IntegerType, false)
          .add(HELD_OUT, DataTypes.BooleanType, false)
          .add(DETAILS, DataTypes.StringType, false)
          .add(PAYLOAD, DataTypes.StringType, false);

  private final SweepSettings settings;
  private final LongAccumulator replayed;
  private final Broadcast<ChurnScorer> scorer;
  private final Broadcast<RetentionSettings> retention;
  private final String modelVersion;
  private final double reasonsFrom;

  /**
   * @param replayed counts the members replayed (progress and the summary)
   * @param scorer the churn model, or null: payloads without churn figures
   * @param retention the offers model, or null: {@code best_reward} null
   * @param modelVersion the churn model's version, or null
   */
  DueFirings(
      SweepSettings settings,
      LongAccumulator replayed,
      Broadcast<ChurnScorer> scorer,
      Broadcast<RetentionSettings> retention,
      String modelVersion,
      double reasonsFrom) {
    this.settings = settings;
    this.replayed = replayed;
    this.scorer = scorer;
    this.retention = retention;
    this.modelVersion = modelVersion;
    this.reasonsFrom = reasonsFrom;
  }

  /** A member with something due, waiting to be scored with others. */
  private record Pending(
      CustomerState state, List<TimeTriggerEvaluator.Due> due, boolean heldOut) {}

  @Override
  public Iterator<Row> call(Iterator<StreamedHistories.History> histories) {
    int asOf = settings.asOfDay();
    long endMillis = (asOf + 1L) * DAY_MILLIS;
    AtRiskScoring scoring =
        scorer == null
            ? null
            : new AtRiskScoring(
                scorer.value(),
                retention == null ? null : retention.value(),
                asOf,
                settings.activeDays(),
                reasonsFrom,
                settings.firedAt().toEpochMilli());
    RetentionOfferPicker picker = scoring == null ? null : scoring.picker();
    List<Row> out = new ArrayList<>();
    List<Pending> pending = new ArrayList<>(SCORE_BATCH);
    long members = 0;
    while (histories.hasNext()) {
      StreamedHistories.History history = histories.next();
      Member member = history.member();
      if (!member.profilingConsent() || member.signupEpochDay() > asOf) {
        continue;
      }
      CustomerState state = MemberReplay.stateBefore(member, history.events(), endMillis);
      members++;
      List<TimeTriggerEvaluator.Due> due =
          TimeTriggerEvaluator.evaluate(state, asOf, settings.triggers(), settings.activeDays());
      if (due.isEmpty()) {
        continue;
      }
      pending.add(new Pending(state, due, settings.holdout().heldOut(state.customerId())));
      if (pending.size() == SCORE_BATCH) {
        emit(pending, scoring, picker, out);
      }
    }
    emit(pending, scoring, picker, out);
    replayed.add(members);
    return out.iterator();
  }

  /** Scores the pending members in one batch (with a model) and adds their firings' rows. */
  private void emit(
      List<Pending> pending, AtRiskScoring scoring, RetentionOfferPicker picker, List<Row> out) {
    if (pending.isEmpty()) {
      return;
    }
    List<AtRiskEntry> rows =
        scoring == null ? null : scoring.rows(pending.stream().map(Pending::state).toList());
    ReasonWords words = scoring == null ? ReasonWords.ENGLISH_EUR : scoring.model().words();
    for (int i = 0; i < pending.size(); i++) {
      Pending p = pending.get(i);
      AtRiskEntry row = rows == null ? null : rows.get(i);
      Map<String, Object> best =
          row == null || picker == null
              ? null
              : FiringPayload.bestReward(
                  picker.best(p.state(), row.retentionSignal()).orElse(null));
      MemberStatus status = MemberStatus.of(p.state(), settings.asOfDay(), settings.activeDays());
      String id = p.state().customerId();
      for (TimeTriggerEvaluator.Due d : p.due()) {
        out.add(
            RowFactory.create(
                id,
                d.firingId(),
                d.kind().wireName(),
                d.periodDay(),
                p.heldOut(),
                json(d.details()),
                FiringPayload.json(row, status, modelVersion, words, best, d.details())));
      }
    }
    pending.clear();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
