package dev.treue.training.materialize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.WinBack;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.i18n.Language;
import dev.treue.core.reason.ReasonWords;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.AtRiskOrder;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import dev.treue.store.StoredState;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.spark.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * A batch load with a churn model writes each member's at-risk row with their group under the
 * model's activity window (issue 13): churn figures for active members only, win-back figures for
 * lapsed ones, "not activated yet" for members who never purchased, each in its score range.
 */
class MaterializeMemberStatusIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-31");

  @TempDir static Path work;

  private static ChurnScorer scorer() {
    return TestChurnScorers.small();
  }

  @Test
  void everyRowSaysTheMembersGroupAndCarriesItsFigures() {
    LoyaltyData data =
        LoyaltyData.read(
            SparkTestSession.get(), SAMPLE, IngestOptions.defaults(work.resolve("rejects")));
    int asOfDay = Math.toIntExact(AS_OF.toEpochDay());
    int activeDays = 180;
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      MaterializeSettings settings =
          new MaterializeSettings(
              redis.url(),
              RedisKeys.DEFAULT_NAMESPACE,
              "status",
              Duration.ZERO,
              100,
              asOfDay,
              System.currentTimeMillis(),
              0.4,
              activeDays);
      MaterializeJob.run(
          SparkTestSession.get(), data.memberRows(), data.eventRows(), settings, scorer());
      RedisKeys keys = RedisKeys.forTenant("status");
      Map<MemberStatus, Integer> groups = new EnumMap<>(MemberStatus.class);
      Map<String, String> rows = jedis.hgetAll(keys.atRiskRows());
      for (Map.Entry<String, String> e : rows.entrySet()) {
        String id = e.getKey();
        AtRiskEntry row = AtRiskEntry.decode(e.getValue());
        byte[] state = jedis.get(keys.memberState(id).getBytes(StandardCharsets.UTF_8));
        assertNotNull(state, id);
        CustomerState s = StoredState.decode(state).state();
        MemberStatus status = MemberStatus.of(s, asOfDay, activeDays);
        assertEquals(status, row.status(), id);
        groups.merge(status, 1, Integer::sum);
        double byProbability = jedis.zscore(keys.atRiskScores(), id);
        double byValue = jedis.zscore(keys.atRiskValues(), id);
        assertEquals(AtRiskOrder.PROBABILITY.score(row), byProbability, 0, id);
        assertEquals(AtRiskOrder.VALUE_AT_RISK.score(row), byValue, 1e-9, id);
        switch (status) {
          case ACTIVE -> assertTrue(row.probability() >= 0 && row.probability() <= 1, id);
          case LAPSED -> {
            assertNull(row.band(), id);
            assertEquals(AtRiskOrder.LAPSED_SCORE, byProbability, id);
            assertEquals(row.expectedPurchases90().doubleValue(), row.winBackValue(), 1e-9, id);
            assertTrue(row.reasons(ReasonWords.ENGLISH_EUR).get(0).startsWith("last bought "), id);
          }
          case NEVER_PURCHASED -> {
            assertEquals(AtRiskOrder.NEVER_PURCHASED_SCORE, byProbability, id);
            assertTrue(
                row.reasons(ReasonWords.ENGLISH_EUR).get(0).startsWith(WinBack.NOT_ACTIVATED), id);
          }
        }
      }
      for (MemberStatus s : List.of(MemberStatus.values())) {
        assertTrue(groups.getOrDefault(s, 0) > 0, "the sample has every group: " + groups);
      }
      System.out.println("Materialized groups at " + AS_OF + " (180-day window): " + groups);
    }
  }

  /**
   * Rows keep their reasons language-neutral, whatever materialize's {@code --language}: read in
   * German they are German words for every group, written by a German scorer (as {@code
   * MaterializeCommand} gives it) or not.
   */
  @Test
  void aGermanLoadWritesGermanReasons() {
    LoyaltyData data =
        LoyaltyData.read(
            SparkTestSession.get(), SAMPLE, IngestOptions.defaults(work.resolve("rejects-de")));
    int asOfDay = Math.toIntExact(AS_OF.toEpochDay());
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      MaterializeSettings settings =
          new MaterializeSettings(
              redis.url(),
              RedisKeys.DEFAULT_NAMESPACE,
              "status-de",
              Duration.ZERO,
              100,
              asOfDay,
              System.currentTimeMillis(),
              0,
              180);
      ChurnScorer german =
          scorer().withWords(ReasonWords.of(Language.DE, ReasonWords.DEFAULT_CURRENCY));
      MaterializeJob.run(
          SparkTestSession.get(), data.memberRows(), data.eventRows(), settings, german);
      Map<MemberStatus, Integer> withReasons = new EnumMap<>(MemberStatus.class);
      for (String value : jedis.hgetAll(RedisKeys.forTenant("status-de").atRiskRows()).values()) {
        AtRiskEntry row = AtRiskEntry.decode(value);
        List<String> reasons =
            row.reasons(ReasonWords.of(Language.DE, ReasonWords.DEFAULT_CURRENCY));
        for (String reason : reasons) {
          assertFalse(
              reason.matches("(?i).*\\b(days?|purchases?|last|bought|yet|spent|only)\\b.*"),
              row.customerId() + ": " + reason);
        }
        if (!reasons.isEmpty()) {
          withReasons.merge(row.status(), 1, Integer::sum);
        }
        switch (row.status()) {
          case LAPSED -> assertTrue(reasons.get(0).startsWith("letzter Kauf vor "), value);
          case NEVER_PURCHASED ->
              assertTrue(reasons.get(0).startsWith("noch nicht aktiviert"), value);
          case ACTIVE -> {}
        }
      }
      assertEquals(3, withReasons.size(), "German reasons in every group: " + withReasons);
    }
  }
}
