package dev.treue.training.materialize;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.WindowedState;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.AtRiskOrder;
import dev.treue.store.StoredState;
import dev.treue.training.replay.MemberReplay;
import dev.treue.training.replay.StreamedHistories;
import dev.treue.training.score.RetentionSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The replay stage of a load: each member's history up to the end of the as-of day folded into the
 * core state and encoded as Redis will store it; with a model, the member scored for the at-risk
 * list in batches and, with an offers model too, given their retention offer as batch scoring picks
 * it ({@link AtRiskScoring}: active members from the retention threshold up). Members without
 * profiling consent yield an opt-out row.
 */
final class StateEncoder implements FlatMapFunction<Iterator<StreamedHistories.History>, Row> {
  private static final long serialVersionUID = 1L;
  private static final int SCORE_BATCH = 2_000;

  private final MaterializeSettings settings;
  private final Broadcast<ChurnScorer> scorer;
  private final Broadcast<RetentionSettings> retention;

  /**
   * @param scorer the churn model, or null to load states only
   * @param retention the offers model and its settings, or null for rows without retention offers
   */
  StateEncoder(
      MaterializeSettings settings,
      Broadcast<ChurnScorer> scorer,
      Broadcast<RetentionSettings> retention) {
    this.settings = settings;
    this.scorer = scorer;
    this.retention = retention;
  }

  @Override
  public Iterator<Row> call(Iterator<StreamedHistories.History> members) {
    ChurnScorer model = scorer == null ? null : scorer.value();
    List<Row> out = new ArrayList<>();
    List<CustomerState> batch = new ArrayList<>(SCORE_BATCH);
    while (members.hasNext()) {
      StreamedHistories.History history = members.next();
      Member member = history.member();
      if (!member.profilingConsent()) {
        out.add(RowFactory.create(member.customerId(), null, null, null, null));
        continue;
      }
      batch.add(MemberReplay.stateBefore(member, history.events(), settings.coveredUntilMillis()));
      if (batch.size() == SCORE_BATCH || !members.hasNext()) {
        encode(model, batch, out);
      }
    }
    encode(model, batch, out);
    return out.iterator();
  }

  private void encode(ChurnScorer model, List<CustomerState> batch, List<Row> out) {
    if (batch.isEmpty()) {
      return;
    }
    List<AtRiskEntry> rows = model == null ? null : score(model, batch);
    for (int i = 0; i < batch.size(); i++) {
      // Batch loads start a fresh revision line above any the event path can have reached. Every
      // event
      // before the coverage is settled (the writer answers those covered), so reads fold no window.
      StoredState stored =
          new StoredState(
              settings.syncedAtMillis() * 1_000,
              settings.coveredUntilMillis(),
              settings.syncedAtMillis(),
              WindowedState.settled(batch.get(i), settings.coveredUntilMillis()));
      AtRiskEntry row = rows == null ? null : rows.get(i);
      out.add(
          RowFactory.create(
              batch.get(i).customerId(),
              stored.encode(),
              row == null ? null : row.encode(),
              // The row's score by probability: the churn probability of an active member, the
              // group's own score otherwise (AtRiskOrder).
              row == null ? null : AtRiskOrder.PROBABILITY.score(row),
              row == null ? null : AtRiskOrder.VALUE_AT_RISK.score(row)));
    }
    batch.clear();
  }

  private List<AtRiskEntry> score(ChurnScorer model, List<CustomerState> batch) {
    return new AtRiskScoring(
            model,
            retention == null ? null : retention.value(),
            settings.asOfDay(),
            settings.activeDays(),
            settings.reasonsFrom(),
            settings.syncedAtMillis())
        .rows(batch);
  }
}
