package dev.treue.training.score;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.MemberValueFigures;
import dev.treue.core.churn.RiskBand;
import dev.treue.core.churn.WinBack;
import dev.treue.core.cli.Arguments;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.offers.RankedReward;
import dev.treue.training.cli.TreueCli;
import dev.treue.training.files.Location;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.ingest.LoyaltyReader;
import dev.treue.training.ingest.ProfilingConsent;
import dev.treue.training.replay.MemberHistories;
import dev.treue.training.replay.MemberReplay;
import dev.treue.training.snapshot.DataSpan;
import dev.treue.training.spark.Lineage;
import dev.treue.training.spark.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch scoring brings each member's history together once, in one shuffle of members and events
 * (no list of events per member, no join), and replays it once (issue 12, point 5): scoring and the
 * retention offer share the pass. Every row of the at-risk list on the committed sample
 * must equal what the core code gives that member scored on their own, from a state replayed apart
 * from Spark, so any change of output fails here.
 */
class OnePassBatchScoringIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");

  @Test
  void everyMemberIsShuffledOnceAndScoredAsOnTheirOwn(@TempDir Path tmp) throws Exception {
    String registry = tmp.resolve("models").toString();
    String work = tmp.resolve("work").toString();
    assertEquals(
        0,
        TreueCli.run(
            List.of(
                "train",
                "churn",
                "--data",
                SAMPLE.toString(),
                "--registry",
                registry,
                "--work",
                work,
                "--trees",
                "40",
                "--eta",
                "0.1",
                // Not the default: the window must travel from training through the bundle.
                "--active-days",
                "300"),
            System.out,
            System.err));
    assertEquals(
        0,
        TreueCli.run(
            List.of(
                "train",
                "offers",
                "--data",
                SAMPLE.toString(),
                "--registry",
                registry,
                "--work",
                work,
                "--trees",
                "30"),
            System.out,
            System.err));
    String version = Files.readString(tmp.resolve("models/churn/CURRENT")).trim();
    ChurnModelBundle.Loaded bundle =
        ChurnModelBundle.read(tmp.resolve("models/churn").resolve(version));
    ChurnScorer scorer = bundle.scorer();
    int activeDays = bundle.info().activeDays();
    assertEquals(300, activeDays, "the bundle records the window training used");

    SparkSession spark = SparkTestSession.get();
    Arguments a =
        Arguments.parse(
            new ScoreCommand(),
            List.of("--data", SAMPLE.toString(), "--registry", registry, "--work", work));
    LoyaltyReader reader = new LoyaltyReader(spark, IngestArguments.options(a));
    LoyaltyData data = reader.read(SAMPLE);
    RetentionSettings retention = RetentionModel.load(a, reader, Location.local(SAMPLE));
    assertNotNull(retention, "the offers model was published");
    LocalDate asOf = DataSpan.lastEventDay(data.eventRows());
    double reasonsFrom = RiskBand.MEDIUM_FROM;
    // As score builds it: the scored members, and the list sorted from them.
    Dataset<Row> scored =
        BatchScoring.scoredMembers(
            spark,
            data.memberRows(),
            data.eventRows(),
            scorer,
            asOf,
            reasonsFrom,
            retention,
            activeDays,
            System.currentTimeMillis(),
            null);
    Dataset<Row> list = BatchScoring.byValueAtRisk(scored);
    String plan = list.queryExecution().executedPlan().toString();
    assertFalse(plan.contains("collect_list"), "histories are streamed, not listed:\n" + plan);
    assertEquals(
        1, Lineage.shuffles(scored), "members and their events travel in one shuffle, together");
    assertEquals(2, Lineage.shuffles(list), "and the list's sort is the only other");

    Map<String, Row> listed = new HashMap<>();
    for (Row r : list.collectAsList()) {
      assertNull(listed.put(r.getString(0), r), "one row per member: " + r.getString(0));
    }
    int asOfDay = Math.toIntExact(asOf.toEpochDay());
    RetentionOfferPicker picker = new RetentionOfferPicker(retention, asOfDay);
    int expected = 0;
    int withOffer = 0;
    for (Row history :
        MemberHistories.join(data.memberRows().filter(ProfilingConsent.given()), data.eventRows())
            .collectAsList()) {
      Member member = MemberReplay.member(history);
      Row row = listed.get(member.customerId());
      if (member.signupEpochDay() > asOfDay) {
        assertNull(row, "not listed before joining: " + member.customerId());
        continue;
      }
      expected++;
      assertNotNull(row, "listed: " + member.customerId());
      CustomerState state =
          MemberReplay.stateBefore(
              member, MemberReplay.sortedEvents(history), (asOfDay + 1L) * DAY_MILLIS);
      double[] features = scorer.features(state, asOfDay);
      String id = member.customerId();
      MemberStatus status = MemberStatus.of(state, asOfDay, activeDays);
      assertEquals(status.wireName(), row.getString(14), id);
      if (status != MemberStatus.ACTIVE) {
        // Not scored for churn: win-back figures for a lapsed member, neither for a new one.
        assertTrue(row.isNullAt(1) && row.isNullAt(2) && row.isNullAt(10), id);
        if (status == MemberStatus.LAPSED) {
          WinBack winBack = WinBack.of(state, features, asOfDay);
          assertEquals(winBack.value(), row.getDouble(16), 1e-9, id);
          assertEquals(
              String.join(AtRiskSchema.REASON_SEPARATOR, winBack.reasons()), row.getString(3), id);
        } else {
          assertTrue(row.isNullAt(16), id);
        }
        continue;
      }
      ChurnScore score = scorer.scoreAll(List.of(features), reasonsFrom).get(0);
      MemberValueFigures value = MemberValueFigures.of(score.probability(), features);
      assertEquals(score.probability(), row.getDouble(1), 1e-12, id);
      assertEquals(score.band().wireName(), row.getString(2), id);
      assertEquals(
          String.join(AtRiskSchema.REASON_SEPARATOR, score.reasons()), row.getString(3), id);
      assertEquals(TierLadder.name(state.tierRank()), row.getString(4), id);
      assertEquals(member.segment(), row.getString(5), id);
      assertEquals(
          state.lastPurchaseDay() == CustomerState.NONE
              ? null
              : LocalDate.ofEpochDay(state.lastPurchaseDay()).toString(),
          row.getString(6),
          id);
      assertEquals(value.valueAtRisk(), row.getDouble(7), 1e-9, id);
      assertEquals(value.clv(), row.getDouble(8), 1e-9, id);
      assertEquals(value.probabilityAlive() == null, row.isNullAt(9), id);
      if (value.probabilityAlive() != null) {
        assertEquals(value.probabilityAlive(), row.getDouble(9), 1e-12, id);
      }
      Optional<RankedReward> offer = picker.pick(state, row.getDouble(1));
      assertEquals(offer.isPresent(), !row.isNullAt(10), id);
      if (offer.isPresent()) {
        withOffer++;
        assertTrue(row.getDouble(1) >= retention.from(), id);
        assertEquals(offer.get().offer().offerId(), row.getString(10), id);
        assertEquals(offer.get().probability(), row.getDouble(11), 1e-12, id);
        assertEquals(offer.get().expectedValue(), row.getDouble(12), 1e-9, id);
        assertEquals(
            String.join(AtRiskSchema.REASON_SEPARATOR, offer.get().explanation()),
            row.getString(13),
            id);
      }
    }
    assertEquals(expected, listed.size(), "no one else is listed");
    assertFalse(withOffer == 0, "some members at risk got a retention offer");
  }
}
