package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.ingest.Csv;
import dev.treue.store.RankingLog.Entry;
import dev.treue.store.RankingLog.Shown;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.util.SafeEncoder;

/** The ranking log in a real Redis: capped, read back in order, exported as the impressions table. */
class RankingLogTest {

  @Test
  void rankingsAreKeptCappedAndExportedOneRowPerShownOffer() throws Exception {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisEndpoint.parse(redis.url()).connect(Duration.ofSeconds(5), 4)) {
      RedisKeys keys = RedisKeys.forTenant("log-a");
      RankingLog log = new RankingLog(jedis, 1_000);
      for (int i = 0; i < 2_500; i++) {
        log.append(
            keys,
            new Entry(
                "rk" + i,
                "m" + (i % 7),
                1_719_748_800_000L + i,
                "ev,eps=0.1",
                "v1",
                i % 2 == 0,
                List.of(new Shown("o1", 1, 0.9, false), new Shown("o2", 2, 0.05, true))));
      }
      long held = log.length(keys);
      assertTrue(held >= 1_000 && held < 2_500, "capped near 1,000: " + held);
      List<Entry> entries = log.readAll(keys);
      assertEquals(held, entries.size(), "export pages through everything held");
      Entry last = entries.get(entries.size() - 1);
      assertEquals("rk2499", last.rankingId());
      assertEquals(
          List.of(new Shown("o1", 1, 0.9, false), new Shown("o2", 2, 0.05, true)), last.shown());
      for (int i = 1; i < entries.size(); i++) {
        assertTrue(entries.get(i).tsMillis() > entries.get(i - 1).tsMillis(), "oldest first");
      }

      StringWriter out = new StringWriter();
      assertEquals(new RankingLog.Exported(held, 2 * held), log.exportImpressions(keys, out));
      String[] lines = out.toString().split("\n");
      assertEquals("ranking_id,customer_id,offer_id,ts,propensity,policy", lines[0]);
      assertEquals(1 + 2 * held, lines.length);
      String[] row = Csv.split(lines[lines.length - 1], ',').value();
      assertEquals(
          List.of("rk2499", "m0", "o2", "2024-06-30T12:00:02.499Z", "0.05", "ev,eps=0.1"),
          List.of(row));

      RedisKeys other = RedisKeys.forTenant("log-b");
      assertEquals(0, log.length(other), "tenants apart");
      StringWriter empty = new StringWriter();
      assertEquals(new RankingLog.Exported(0, 0), log.exportImpressions(other, empty));
      assertEquals("ranking_id,customer_id,offer_id,ts,propensity,policy\n", empty.toString());
    }
  }

  @Test
  void appendsGoByTheScriptsHashAndLandAfterTheServerForgotTheScript() throws Exception {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisEndpoint.parse(redis.url()).connect(Duration.ofSeconds(5), 4)) {
      RedisKeys keys = RedisKeys.forTenant("log-sha");
      RankingLog log = new RankingLog(jedis, 1_000);
      List<String> ids = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        if (round == 2) {
          jedis.scriptFlush();
        }
        List<Supplier<String>> appended = new ArrayList<>();
        try (AbstractPipeline p = jedis.pipelined()) {
          for (int i = 0; i < 5; i++) {
            appended.add(
                log.append(
                    p,
                    keys,
                    new Entry(
                        "rk" + round + "-" + i,
                        "m" + i,
                        1_719_748_800_000L + i,
                        "greedy",
                        "v1",
                        false,
                        List.of(new Shown("o1", 1, 1.0, false)))));
          }
          p.sync();
        }
        for (Supplier<String> a : appended) {
          ids.add(a.get());
        }
        if (round == 0) {
          jedis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
        }
      }
      assertEquals(15, new TreeSet<>(ids).size(), "every append landed, with its own id: " + ids);
      assertEquals(15, log.length(keys));
      String stats =
          SafeEncoder.encode((byte[]) jedis.sendCommand(Protocol.Command.INFO, "commandstats"));
      // After the first round: five appends by hash, five more by hash refused after the flush
      // (NOSCRIPT, so nothing ran), those five then sent once each with their text.
      assertTrue(calls(stats, "evalsha") >= 5, stats);
      assertEquals(5, calls(stats, "eval"), stats);
      assertEquals(3, RankingLog.memberEntries(jedis, keys, "m0").size());
    }
  }

  private static long calls(String commandStats, String command) {
    for (String line : commandStats.split("\r?\n")) {
      if (line.startsWith("cmdstat_" + command + ":calls=")) {
        return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
      }
    }
    return 0;
  }

  @Test
  void concurrentAppendsAllLandAndEachMembersIndexNamesExactlyItsEntries() throws Exception {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisEndpoint.parse(redis.url()).connect(Duration.ofSeconds(5), 16)) {
      RedisKeys keys = RedisKeys.forTenant("log-c");
      RankingLog log = new RankingLog(jedis, 100_000);
      int threads = 12;
      int each = 250;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        // Every thread stamps the same few milliseconds, as a busy service does.
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    log.append(
                        keys,
                        new Entry(
                            "rk-" + thread + "-" + i,
                            "m" + (i % 5),
                            1_719_748_800_000L + i / 100,
                            "p",
                            "v1",
                            false,
                            List.of(new Shown("o1", 1, 1.0, false))));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertEquals(threads * each, log.length(keys), "no append was lost");
      for (int m = 0; m < 5; m++) {
        String member = "m" + m;
        Set<String> logged = new TreeSet<>();
        jedis.xrange(keys.rankingLog(), "-", "+").stream()
            .filter(e -> e.getFields().get("customer_id").equals(member))
            .forEach(e -> logged.add(e.getID().toString()));
        Set<String> indexed =
            new TreeSet<>(
                RankingLog.memberEntries(jedis, keys, member).stream()
                    .map(Object::toString)
                    .toList());
        assertEquals(logged, indexed, member);
      }
    }
  }

  @Test
  void aMembersTrimmedRankingsLeaveItsIndexWhenItIsRankedAgainAfterOthersTrimmedTheLog()
      throws Exception {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisEndpoint.parse(redis.url()).connect(Duration.ofSeconds(5), 2)) {
      RedisKeys keys = RedisKeys.forTenant("log-d");
      RankingLog log = new RankingLog(jedis, 10);
      for (int i = 0; i < 3; i++) {
        log.append(keys, ranking("rk-a" + i, "a"));
      }
      // The index drops trimmed ids by their time: the others' entries come later than a's.
      Thread.sleep(5);
      for (int i = 0; i < 300; i++) {
        log.append(keys, ranking("rk-b" + i, "b"));
      }
      assertEquals(
          3,
          RankingLog.memberEntries(jedis, keys, "a").size(),
          "a's index is tidied when a is ranked again, not by the others' appends");
      log.append(keys, ranking("rk-a3", "a"));

      List<StreamEntry> held = jedis.xrange(keys.rankingLog(), "-", "+");
      assertTrue(held.size() < 100, "the log was trimmed to about 10: " + held.size());
      Set<String> aHeld = new TreeSet<>();
      held.stream()
          .filter(e -> e.getFields().get("customer_id").equals("a"))
          .forEach(e -> aHeld.add(e.getID().toString()));
      Set<String> aIndexed =
          new TreeSet<>(
              RankingLog.memberEntries(jedis, keys, "a").stream().map(Object::toString).toList());
      assertEquals(1, aHeld.size(), "only a's last ranking is still on the log");
      assertEquals(aHeld, aIndexed, "a's index names exactly its entries still on the log");
      // Where the log starts is kept beside it since its latest trim, so appends need not read it.
      assertEquals(Long.toString(held.get(0).getID().getTime()), jedis.get(keys.rankingLogStart()));
    }
  }

  private static Entry ranking(String rankingId, String memberId) {
    return new Entry(
        rankingId,
        memberId,
        System.currentTimeMillis(),
        "p",
        "v1",
        false,
        List.of(new Shown("o1", 1, 1.0, false)));
  }
}
