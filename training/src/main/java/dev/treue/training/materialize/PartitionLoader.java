package dev.treue.training.materialize;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.ValueAtRisk;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import dev.treue.store.StateBatchWriter;
import dev.treue.store.StoredState;
import dev.treue.training.snapshot.MemberReplay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Loads one partition of members into Redis: replays each history to the end of the as-of day,
 * writes the state (and, with a model, the at-risk row) in pipelined batches over one connection per
 * partition. Members without profiling consent get an opt-out marker instead of a state.
 */
final class PartitionLoader implements ForeachPartitionFunction<Row> {
  private static final long serialVersionUID = 1L;
  private static final int SCORE_BATCH = 2_000;

  private final MaterializeSettings settings;
  private final Broadcast<ChurnScorer> scorer;
  private final LongAccumulator states;
  private final LongAccumulator optedOut;
  private final LongAccumulator listed;
  private final LongAccumulator writeNanos;

  /**
   * @param scorer the churn model, or null to load states only
   */
  PartitionLoader(MaterializeSettings settings, Broadcast<ChurnScorer> scorer, LongAccumulator states,
      LongAccumulator optedOut, LongAccumulator listed, LongAccumulator writeNanos) {
    this.settings = settings;
    this.scorer = scorer;
    this.states = states;
    this.optedOut = optedOut;
    this.listed = listed;
    this.writeNanos = writeNanos;
  }

  @Override
  public void call(Iterator<Row> rows) {
    RedisKeys keys = RedisKeys.forTenant(settings.tenant());
    try (var redis = RedisEndpoint.parse(settings.redisUrl()).connect(Duration.ofSeconds(10), 2)) {
      StateBatchWriter writer = new StateBatchWriter(redis, keys, settings.ttl(), settings.batchSize());
      ChurnScorer model = scorer == null ? null : scorer.value();
      List<StoredState> batch = new ArrayList<>(SCORE_BATCH);
      List<String> optOuts = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        Member member = MemberReplay.member(row);
        if (!member.profilingConsent()) {
          optOuts.add(member.customerId());
          continue;
        }
        List<LoyaltyEvent> events = MemberReplay.sortedEvents(row);
        CustomerState state = MemberReplay.stateBefore(member, events, settings.coveredUntilMillis());
        // Batch loads start a fresh revision line above any the event path can have reached.
        batch.add(new StoredState(settings.syncedAtMillis() * 1_000, settings.coveredUntilMillis(),
            settings.syncedAtMillis(), state));
        if (batch.size() == SCORE_BATCH) {
          flush(writer, model, batch);
        }
      }
      flush(writer, model, batch);
      optedOut.add(writer.optOut(optOuts.iterator()));
    }
  }

  private void flush(StateBatchWriter writer, ChurnScorer model, List<StoredState> batch) {
    List<AtRiskEntry> rows = model == null ? List.of() : score(model, batch);
    long start = System.nanoTime();
    states.add(writer.write(batch.iterator(), rows.iterator()));
    writeNanos.add(System.nanoTime() - start);
    listed.add(rows.size());
    batch.clear();
  }

  private List<AtRiskEntry> score(ChurnScorer model, List<StoredState> batch) {
    List<double[]> vectors = new ArrayList<>(batch.size());
    List<CustomerState> scored = new ArrayList<>(batch.size());
    for (StoredState s : batch) {
      // Members who joined after the as-of day have no features at it; they enter the list with their first event.
      if (s.state().signupDay() == CustomerState.NONE || s.state().signupDay() <= settings.asOfDay()) {
        vectors.add(ChurnFeatures.compute(s.state(), settings.asOfDay()));
        scored.add(s.state());
      }
    }
    List<ChurnScore> scores = model.scoreAll(vectors, settings.reasonsFrom());
    List<AtRiskEntry> rows = new ArrayList<>(scores.size());
    for (int i = 0; i < scores.size(); i++) {
      CustomerState s = scored.get(i);
      ChurnScore score = scores.get(i);
      rows.add(new AtRiskEntry(s.customerId(), score.probability(), score.band().wireName(),
          TierLadder.name(s.tierRank()), s.segment(), ValueAtRisk.of(score.probability(), vectors.get(i)),
          score.reasons(), settings.syncedAtMillis(), settings.asOfDay()));
    }
    return rows;
  }
}
