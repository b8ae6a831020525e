package dev.treue.serving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.store.OfferCatalogStore;
import dev.treue.store.RankingLog;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** {@code offers load} and {@code rankings export} against a real Redis, as a user runs them. */
class OfferCommandsTest {
  private static final String HEADER =
      "offer_id,kind,category,value,cost,points_cost,min_tier,valid_from,valid_to,budget,per_customer_cap,channels";
  private static RedisTestServers.Single redis;
  private static UnifiedJedis jedis;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    redis = RedisTestServers.single();
    jedis = RedisTestServers.connect(redis.url());
  }

  @AfterAll
  static void stop() {
    jedis.close();
    redis.close();
  }

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return ServingCli.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void offersLoadPrintsCountsAndRefusesAFileWithRejects() throws Exception {
    Path sample = Path.of("..", "data", "sample", "offers.csv");
    long rows = Files.readAllLines(sample).size() - 1;
    assertEquals(
        0,
        run(
            Map.of(),
            "offers",
            "load",
            sample.toString(),
            "--redis",
            redis.url(),
            "--tenant",
            "cli-a"),
        err());
    assertEquals(
        "offers load: "
            + rows
            + " rows, 0 rejects; "
            + rows
            + " added, 0 changed, 0 unchanged, 0 retired;"
            + " catalogue version 1 (tenant cli-a)",
        out().trim());
    OfferCatalogStore store =
        new OfferCatalogStore(jedis, RedisKeys.forTenant("cli-a"), Clock.systemUTC());
    assertEquals(rows, store.read().active().size());

    Path two = dir.resolve("two.csv");
    Files.writeString(
        two,
        HEADER
            + "\no001,discount,coffee,5,2,,,2024-01-01,2024-12-31,10,1,\n"
            + "zz9,gift,,1,1,,,2024-01-01,2024-12-31,,1,\n");
    // The URL from the environment, as the launcher passes TREUE_REDIS_URL.
    assertEquals(
        0,
        run(
            Map.of("TREUE_REDIS_URL", redis.url()),
            "offers",
            "load",
            two.toString(),
            "--tenant",
            "cli-a",
            "--replace"),
        err());
    assertTrue(
        out()
            .contains(
                "1 added, 1 changed, 0 unchanged, " + (rows - 1) + " retired; catalogue version 2"),
        out());
    assertEquals(
        List.of("o001", "zz9"), store.read().active().stream().map(o -> o.offerId()).toList());

    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad,
        HEADER
            + "\nn1,discount,coffee,5,2,,,2024-01-01,2024-12-31,10,1,\n"
            + "n2,discount,coffee,5,2,,diamond,2024-01-01,2024-12-31,10,1,\n");
    assertEquals(
        1,
        run(
            Map.of(),
            "offers",
            "load",
            bad.toString(),
            "--redis",
            redis.url(),
            "--tenant",
            "cli-a"));
    assertTrue(
        err().contains("line 3: min_tier: expected one of [basic, silver, gold, platinum]"), err());
    assertTrue(err().contains("1 of 2 rows rejected in " + bad + "; nothing was loaded"), err());
    assertEquals(2, store.version(), "nothing loaded");
    assertTrue(store.read().find("n1").isEmpty());
  }

  @Test
  void mistakesAreNamed() {
    assertEquals(2, run(Map.of(), "offers", "load", "x.csv"));
    assertTrue(err().contains("no Redis given: use --redis URL or set TREUE_REDIS_URL"), err());
    assertEquals(1, run(Map.of(), "offers", "load", "/no/such.csv", "--redis", redis.url()));
    assertTrue(err().contains("/no/such.csv is not a readable file"), err());
    assertEquals(2, run(Map.of(), "offers", "load", "x.csv", "--tennant", "a"));
    assertTrue(err().contains("unknown option '--tennant'"), err());
    assertEquals(2, run(Map.of(), "offers", "drop"));
    assertEquals(2, run(Map.of(), "rankings", "export", "--redis", redis.url()));
    assertTrue(err().contains("--out FILE is required"), err());
    assertEquals(
        2,
        run(
            Map.of(),
            "rankings",
            "export",
            "--out",
            "x",
            "--redis",
            redis.url(),
            "--tenant",
            "Bad:T"));
  }

  @Test
  void rankingsExportWritesTheImpressionsTable() throws Exception {
    RedisKeys keys = RedisKeys.forTenant("cli-b");
    RankingLog log = new RankingLog(jedis, 1_000);
    log.append(
        keys,
        new RankingLog.Entry(
            "r1",
            "m1",
            1_719_748_800_000L,
            "expected-value",
            "v1",
            false,
            List.of(
                new RankingLog.Shown("o1", 1, 0.95, false),
                new RankingLog.Shown("o7", 2, 0.05, true))));
    log.append(
        keys,
        new RankingLog.Entry(
            "r2",
            "m2",
            1_719_748_801_000L,
            "expected-value",
            "v1",
            true,
            List.of(new RankingLog.Shown("o2", 1, 1.0, false))));
    Path file = dir.resolve("impressions.csv");
    assertEquals(
        0,
        run(
            Map.of(),
            "rankings",
            "export",
            "--out",
            file.toString(),
            "--redis",
            redis.url(),
            "--tenant",
            "cli-b"),
        err());
    assertEquals(
        "rankings export: 2 rankings, 3 impressions written to " + file + " (tenant cli-b)",
        out().trim());
    assertEquals(
        List.of(
            "ranking_id,customer_id,offer_id,ts,propensity,policy",
            "r1,m1,o1,2024-06-30T12:00:00Z,0.95,expected-value",
            "r1,m1,o7,2024-06-30T12:00:00Z,0.05,expected-value",
            "r2,m2,o2,2024-06-30T12:00:01Z,1.0,expected-value"),
        Files.readAllLines(file));
    assertFalse(Files.exists(dir.resolve("impressions.csv.partial")));
  }
}
