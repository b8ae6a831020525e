package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Issue request claims, the ranking log's member index and erase on a real three-master Redis
 * Cluster: every script stays in one slot, and erase reaches the member's records in other slots
 * through the indexes in the member's slot.
 */
class MemberEraseClusterIT {
  private static RedisTestServers.Cluster cluster;
  private static UnifiedJedis jedis;

  @BeforeAll
  static void start() {
    cluster = RedisTestServers.cluster();
    jedis = RedisTestServers.connect(cluster.url());
  }

  @AfterAll
  static void stop() {
    jedis.close();
    cluster.close();
  }

  @Test
  void claimsLogEntriesAndEraseWorkAcrossSlots() {
    RedisKeys keys = RedisKeys.forTenant("erase-cluster");
    MemberPseudonyms pseudonyms = new MemberPseudonyms(jedis);
    IssueRequests requests = new IssueRequests(jedis, pseudonyms);
    OfferBudgets budgets = new OfferBudgets(jedis, keys, pseudonyms);
    budgets.setBudget("gift", 1_000);
    assertEquals(IssueRequests.Claim.NEW, requests.claim(keys, "m1", "gift", "q1"));
    assertEquals(OfferBudgets.Outcome.GRANTED, budgets.issue("gift", "m1", "q1", 100, 2).outcome());
    assertEquals(IssueRequests.Claim.SAME, requests.claim(keys, "m1", "gift", "q1"));
    assertEquals(IssueRequests.Claim.OTHER, requests.claim(keys, "m2", "gift", "q1"));
    assertEquals(
        OfferBudgets.Outcome.REQUEST_ID_REUSED,
        budgets.issue("gift", "m2", "q1", 100, 2).outcome(),
        "the issue script refuses another member's request id by itself");
    assertEquals(900, budgets.remaining("gift").getAsLong());
    assertFalse(
        jedis.exists(keys.memberRequests("m2")),
        "a refused claim leaves nothing for the other member");
    new MemberGrants(jedis).record(keys, "m1", "gift", 1);

    RankingLog log = new RankingLog(jedis, 100);
    for (int i = 0; i < 5; i++) {
      String member = i % 2 == 0 ? "m1" : "m2";
      log.append(
          keys,
          new RankingLog.Entry(
              "rk" + i,
              member,
              1_000 + i / 2,
              "p",
              "v",
              false,
              List.of(new RankingLog.Shown("gift", 1, 1.0, false))));
    }
    // A ranking stamped before the others (another instance's clock) is appended and indexed all
    // the same.
    new RankingLog(jedis, 100)
        .append(keys, new RankingLog.Entry("rk-late", "m1", 500, "p", "v", false, List.of()));
    assertEquals(6, log.length(keys));
    assertEquals(
        4,
        jedis.xrange(keys.rankingLog(), "-", "+").stream()
            .filter(e -> e.getFields().get("customer_id").equals("m1"))
            .count());
    jedis.set(keys.memberOptOut("m1"), "1");

    MemberIndex index = new MemberIndex(jedis);
    index.add(keys, "m1");
    index.add(keys, "m2");

    MemberRecords.Erased erased = new MemberRecords(jedis, pseudonyms).erase(keys, "m1");
    assertFalse(index.contains(keys, "m1"), "erase takes the member out of the index's shard");
    assertTrue(index.contains(keys, "m2"));
    assertEquals(4, erased.rankingEntries());
    assertEquals(1, erased.requestIds());
    assertTrue(erased.tombstone());
    List<StreamEntry> left = jedis.xrange(keys.rankingLog(), "-", "+");
    assertEquals(2, left.size());
    assertTrue(left.stream().allMatch(e -> e.getFields().get("customer_id").equals("m2")));
    assertEquals(0, budgets.issuedTo("gift", "m1"));
    assertFalse(jedis.hgetAll(keys.issueRequestOwners()).containsKey("q1"));
    assertFalse(jedis.hexists(keys.offerRequests("gift"), "q1"));
    assertEquals(IssueRequests.Claim.ERASED, requests.claim(keys, "m1", "gift", "q1"));
    assertTrue(new MemberRecords(jedis, pseudonyms).export(keys, "m1").empty());
    assertTrue(new OptOutTombstones(jedis, pseudonyms).contains(keys, "m1"));
    assertEquals(
        1, new OptOutTombstones(jedis, pseudonyms).restoreOptOuts(keys, List.of("m1", "m2")));
    assertTrue(new MemberReader(jedis).read(keys, "m1").optedOut());
  }
}
