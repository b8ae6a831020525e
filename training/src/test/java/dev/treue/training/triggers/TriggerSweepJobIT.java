package dev.treue.training.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.TimeTriggerEvaluator;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.core.trigger.TriggerSettings;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.FiringPayload;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import dev.treue.store.TimeTriggerClaims;
import dev.treue.store.TriggerOutbox;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.materialize.MaterializeJob;
import dev.treue.training.materialize.MaterializeSettings;
import dev.treue.training.materialize.TestChurnScorers;
import dev.treue.training.spark.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * {@code ./treue triggers sweep}'s job on the committed sample: its firings are exactly what {@link
 * TimeTriggerEvaluator} gives for each member replayed by a plain loop here, and in Redis (single
 * server and three-master cluster) a firing is claimed once between runs of the job and the
 * service's own claim.
 */
class TriggerSweepJobIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-31");
  private static final int AS_OF_DAY = Math.toIntExact(AS_OF.toEpochDay());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TriggerSettings ALL_TIME_DRIVEN =
      TriggerSettings.DEFAULTS
          .with(TriggerKind.BECAME_LAPSED, true)
          .with(TriggerKind.MEMBERSHIP_ANNIVERSARY, true)
          .with(TriggerKind.POINTS_EXPIRING, true)
          .with(TriggerKind.TIER_DOWNGRADE_AHEAD, true);
  private static final Holdout HOLDOUT = Holdout.of(0.2, "sweep-it");

  @TempDir static Path work;
  private static SparkSession spark;
  private static LoyaltyData data;
  private static SweepSettings settings;

  /** Firing id to the firing the plain loop expects. */
  private static Map<String, Expected> expected;

  private record Expected(
      String kind, String customerId, boolean heldOut, Map<String, Object> details) {}

  @BeforeAll
  static void readSample() {
    spark = SparkTestSession.get();
    data = LoyaltyData.read(spark, SAMPLE, IngestOptions.defaults(work.resolve("rejects")));
    settings =
        new SweepSettings(
            ALL_TIME_DRIVEN, HOLDOUT, AS_OF_DAY, 365, Instant.parse("2026-04-01T06:00:00Z"));
    expected = plainLoop();
  }

  /** Every consenting member replayed here event by event and asked the evaluator. */
  private static Map<String, Expected> plainLoop() {
    Map<String, List<LoyaltyEvent>> events = new HashMap<>();
    for (Row e : data.eventRows().collectAsList()) {
      Double amount = e.getAs("amount");
      Long points = e.getAs("points");
      String id = e.getAs("customer_id");
      events
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(
              new LoyaltyEvent(
                  e.getAs("event_id"),
                  id,
                  e.<Long>getAs("ts_millis"),
                  EventType.fromWire(e.getAs("type")),
                  amount == null ? 0 : amount,
                  points == null ? 0 : points,
                  e.getAs("category"),
                  e.getAs("offer_id"),
                  null));
    }
    long end = (AS_OF_DAY + 1L) * 86_400_000L;
    Map<String, Expected> out = new TreeMap<>();
    for (Row m : data.memberRows().collectAsList()) {
      Integer birth = m.getAs("birth_day");
      Member member =
          new Member(
              m.getAs("customer_id"),
              m.<Integer>getAs("signup_day"),
              m.getAs("tier"),
              birth == null ? CustomerState.NONE : birth,
              m.getAs("segment"),
              m.getAs("channel"),
              m.<Boolean>getAs("profiling_consent"));
      if (!member.profilingConsent() || member.signupEpochDay() > AS_OF_DAY) {
        continue;
      }
      List<LoyaltyEvent> history =
          new ArrayList<>(events.getOrDefault(member.customerId(), List.of()));
      history.sort(LoyaltyEvent.REPLAY_ORDER);
      CustomerState state = CustomerState.beforeHistory(member, history);
      for (LoyaltyEvent e : history) {
        if (e.tsMillis() < end) {
          state.applyUnlessRefused(e);
        }
      }
      for (TimeTriggerEvaluator.Due d :
          TimeTriggerEvaluator.evaluate(state, AS_OF_DAY, ALL_TIME_DRIVEN, 365)) {
        out.put(
            d.firingId(),
            new Expected(
                d.kind().wireName(),
                member.customerId(),
                HOLDOUT.heldOut(member.customerId()),
                d.details()));
      }
    }
    return out;
  }

  @Test
  void theJobsFiringsAreTheEvaluatorsPerMember() throws Exception {
    Path out = work.resolve("csv");
    TriggerSweepJob.Result r = run(out, null);
    System.out.println("triggers sweep of the sample as of " + AS_OF + ": " + r);

    Map<String, Long> perKind = new TreeMap<>();
    Map<String, Long> heldPerKind = new TreeMap<>();
    expected.values().forEach(e -> perKind.merge(e.kind(), 1L, Long::sum));
    expected.values().stream()
        .filter(Expected::heldOut)
        .forEach(e -> heldPerKind.merge(e.kind(), 1L, Long::sum));
    for (TriggerKind k :
        List.of(
            TriggerKind.BECAME_LAPSED,
            TriggerKind.MEMBERSHIP_ANNIVERSARY,
            TriggerKind.POINTS_EXPIRING,
            TriggerKind.TIER_DOWNGRADE_AHEAD)) {
      assertTrue(
          perKind.getOrDefault(k.wireName(), 0L) > 0, "the sample fires " + k + ": " + perKind);
    }
    assertTrue(heldPerKind.values().stream().mapToLong(Long::longValue).sum() > 0, "some held out");
    assertEquals(4, r.kinds().size());
    for (TriggerSweepJob.KindSummary k : r.kinds()) {
      assertEquals(perKind.getOrDefault(k.kind(), 0L), k.due(), k.kind());
      assertEquals(heldPerKind.getOrDefault(k.kind(), 0L), k.heldOut(), k.kind());
      assertEquals(-1, k.claimed());
    }
    assertEquals(
        data.memberRows().filter("profiling_consent").filter("signup_day <= " + AS_OF_DAY).count(),
        r.members());

    List<String> lines = Files.readAllLines(out.resolve(TriggerSweepJob.FIRINGS_CSV));
    List<String> header = List.of(lines.get(0).split(",", -1));
    assertEquals(TriggerSweepJob.FIRST_COLUMNS, header.subList(0, 5));
    Map<String, List<String>> byId = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = List.of(line.split(",", -1));
      assertEquals(header.size(), cells.size(), line);
      assertEquals(null, byId.put(cells.get(0), cells), "one line per firing: " + line);
    }
    assertEquals(expected.keySet(), byId.keySet());
    for (Map.Entry<String, Expected> e : expected.entrySet()) {
      List<String> cells = byId.get(e.getKey());
      Expected x = e.getValue();
      assertEquals(x.kind(), cells.get(1));
      assertEquals(x.customerId(), cells.get(2));
      assertEquals("2026-04-01T06:00:00Z", cells.get(3));
      assertEquals(Boolean.toString(x.heldOut()), cells.get(4));
      for (int i = 5; i < header.size(); i++) {
        Object v = x.details().get(header.get(i));
        assertEquals(v == null ? "" : v.toString(), cells.get(i), e.getKey() + " " + header.get(i));
      }
      for (String field : x.details().keySet()) {
        assertTrue(header.contains(field), field);
      }
    }
  }

  @Test
  void aSingleRedisClaimsEachFiringOnceBetweenRunsAndTheService() throws Exception {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      claimsOnce(redis.url(), jedis, "sweep-single");
    }
  }

  @Test
  void aRedisClusterClaimsEachFiringOnce() throws Exception {
    try (RedisTestServers.Cluster cluster = RedisTestServers.cluster();
        UnifiedJedis jedis = RedisTestServers.connect(cluster.url())) {
      claimsOnce(cluster.url(), jedis, "sweep-cluster");
    }
  }

  private static void claimsOnce(String url, UnifiedJedis jedis, String tenant) throws Exception {
    MaterializeJob.run(
        spark,
        data.memberRows(),
        data.eventRows(),
        new MaterializeSettings(
            url,
            RedisKeys.DEFAULT_NAMESPACE,
            tenant,
            Duration.ofDays(400),
            500,
            AS_OF_DAY,
            System.currentTimeMillis(),
            0.4),
        null);
    RedisKeys keys = RedisKeys.forTenant(tenant);

    // The service's sweep got to one firing first: claimed and relayed as TimeTriggers does.
    Map.Entry<String, Expected> first = expected.entrySet().iterator().next();
    Instant serviceAt = Instant.parse("2026-03-31T23:00:00Z");
    Firing service =
        new Firing(
            first.getKey(),
            TriggerKind.fromWire(first.getValue().kind()),
            first.getValue().customerId(),
            serviceAt,
            first.getValue().heldOut(),
            "{}");
    assertEquals(
        List.of(first.getKey()),
        new TimeTriggerClaims(jedis)
            .claim(
                keys,
                service.customerId(),
                List.of(new TimeTriggerClaims.Claim(service, AS_OF_DAY)),
                AS_OF_DAY));
    new TriggerOutbox(jedis).relay(keys, service.customerId());

    StreamTarget target =
        new StreamTarget(url, RedisKeys.DEFAULT_NAMESPACE, tenant, TriggerOutbox.NO_MAX_LENGTH);
    TriggerSweepJob.Result once = run(null, target);
    long claimed = once.kinds().stream().mapToLong(TriggerSweepJob.KindSummary::claimed).sum();
    assertEquals(expected.size() - 1, claimed, "everything but the service's firing");
    assertEquals(expected.size() - 1, once.relayed());

    Map<String, StreamEntry> stream = stream(jedis, keys);
    assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(stream.keySet()));
    assertEquals(serviceAt.toString(), stream.get(first.getKey()).getFields().get("fired_at"));
    for (Map.Entry<String, Expected> e : expected.entrySet()) {
      if (e.getKey().equals(first.getKey())) {
        continue;
      }
      Map<String, String> f = stream.get(e.getKey()).getFields();
      assertEquals(e.getValue().kind(), f.get("kind"));
      assertEquals(e.getValue().customerId(), f.get("customer_id"));
      assertEquals(Boolean.toString(e.getValue().heldOut()), f.get("held_out"));
      Map<String, Object> payload =
          JSON.readValue(f.get("payload"), new TypeReference<LinkedHashMap<String, Object>>() {});
      assertEquals(
          JSON.readValue(JSON.writeValueAsString(e.getValue().details()), Map.class),
          subMap(payload, e.getValue().details().keySet()));
      assertTrue(payload.containsKey("best_reward") && payload.containsKey("churn_probability"));
    }

    TriggerSweepJob.Result again = run(null, target);
    for (TriggerSweepJob.KindSummary k : again.kinds()) {
      assertEquals(0, k.claimed(), "a second run claims nothing: " + k);
    }
    assertEquals(0, again.relayed());
    assertEquals(expected.size(), jedis.xlen(keys.triggerStream()));
  }

  /**
   * With the churn model materialize scored the list with, each firing's payload is the service's
   * payload ({@link FiringPayload}) of the at-risk row materialize wrote for that member: the same
   * churn probability, band, status, reasons, CLV and value at risk, and the model's version.
   */
  @Test
  void aBatchFiringsPayloadIsTheAtRiskRowMaterializeWrites() throws Exception {
    ChurnScorer scorer = TestChurnScorers.small();
    String tenant = "sweep-payload";
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      MaterializeJob.run(
          spark,
          data.memberRows(),
          data.eventRows(),
          new MaterializeSettings(
              redis.url(),
              RedisKeys.DEFAULT_NAMESPACE,
              tenant,
              Duration.ofDays(400),
              500,
              AS_OF_DAY,
              System.currentTimeMillis(),
              0.4,
              settings.activeDays()),
          scorer);
      RedisKeys keys = RedisKeys.forTenant(tenant);
      StreamTarget target =
          new StreamTarget(
              redis.url(), RedisKeys.DEFAULT_NAMESPACE, tenant, TriggerOutbox.NO_MAX_LENGTH);
      run(new SweepModels("20260331-000000-test01", scorer, null, 0.4), null, target);

      Map<String, StreamEntry> stream = stream(jedis, keys);
      assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(stream.keySet()));
      Map<String, Integer> byStatus = new TreeMap<>();
      for (Map.Entry<String, Expected> e : expected.entrySet()) {
        String customer = e.getValue().customerId();
        String stored = jedis.hget(keys.atRiskRows(), customer);
        assertTrue(stored != null, "materialize wrote a row for " + customer);
        AtRiskEntry row = AtRiskEntry.decode(stored);
        Map<String, Object> want =
            JSON.readValue(
                FiringPayload.json(
                    row,
                    null,
                    "20260331-000000-test01",
                    scorer.words(),
                    null,
                    e.getValue().details()),
                new TypeReference<LinkedHashMap<String, Object>>() {});
        Map<String, Object> got =
            JSON.readValue(
                stream.get(e.getKey()).getFields().get("payload"),
                new TypeReference<LinkedHashMap<String, Object>>() {});
        assertEquals(want.keySet(), got.keySet(), e.getKey());
        for (String field : want.keySet()) {
          Object w = want.get(field);
          Object g = got.get(field);
          if (w instanceof Number wn && g instanceof Number gn) {
            assertEquals(wn.doubleValue(), gn.doubleValue(), 1e-9, e.getKey() + " " + field);
          } else {
            assertEquals(w, g, e.getKey() + " " + field);
          }
        }
        byStatus.merge(row.status().wireName(), 1, Integer::sum);
        if (row.active()) {
          assertTrue(got.get("churn_probability") instanceof Number, e.getKey());
          assertTrue(!((List<?>) got.get("reasons")).isEmpty() || row.probability() < 0.4);
        }
      }
      System.out.println("batch firing payloads by member status: " + byStatus);
      assertTrue(
          byStatus.getOrDefault("active", 0) > 0, "some firings of active members: " + byStatus);
    }
  }

  private static Map<String, Object> subMap(Map<String, Object> m, java.util.Set<String> names) {
    Map<String, Object> out = new HashMap<>();
    names.forEach(n -> out.put(n, m.get(n)));
    return out;
  }

  /** The stream's entries by firing id, each id at most once. */
  private static Map<String, StreamEntry> stream(UnifiedJedis jedis, RedisKeys keys) {
    Map<String, StreamEntry> byId = new HashMap<>();
    for (StreamEntry e : jedis.xrange(keys.triggerStream(), (StreamEntryID) null, null)) {
      String id = e.getFields().get("firing_id");
      assertEquals(null, byId.put(id, e), "one entry per firing: " + id);
    }
    return byId;
  }

  private static TriggerSweepJob.Result run(Path out, StreamTarget target) {
    return run(null, out, target);
  }

  private static TriggerSweepJob.Result run(SweepModels models, Path out, StreamTarget target) {
    List<String> progress = new ArrayList<>();
    return TriggerSweepJob.run(
        spark,
        data.memberRows(),
        data.eventRows(),
        settings,
        models,
        out,
        target,
        progress::add,
        60);
  }
}
