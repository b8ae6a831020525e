package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.store.OfferBudgets.Outcome;
import dev.treue.store.OfferBudgets.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** Budgets and caps hold under concurrency, on a single Redis and on a real cluster. */
class OfferBudgetsIT {

  @Test
  void aSingleRedisNeverOverspends() throws Exception {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis =
            RedisEndpoint.parse(redis.url()).connect(java.time.Duration.ofSeconds(5), 32)) {
      checkBudgetCapAndRepeats(jedis, RedisKeys.forTenant("budget-single"));
    }
  }

  @Test
  void aRedisClusterNeverOverspends() throws Exception {
    try (RedisTestServers.Cluster cluster = RedisTestServers.cluster();
        UnifiedJedis jedis =
            RedisEndpoint.parse(cluster.url()).connect(java.time.Duration.ofSeconds(5), 32)) {
      checkBudgetCapAndRepeats(jedis, RedisKeys.forTenant("budget-cluster"));
    }
  }

  private static void checkBudgetCapAndRepeats(UnifiedJedis jedis, RedisKeys keys)
      throws Exception {
    OfferBudgets budgets = new OfferBudgets(jedis, keys);
    budgets.setBudget("o1", 100 * 250);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Result>> calls = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String member = "m" + i;
      calls.add(pool.submit(() -> budgets.issue("o1", member, "req-" + member, 250, 1)));
    }
    int granted = 0;
    int spent = 0;
    for (Future<Result> f : calls) {
      Outcome o = f.get().outcome();
      granted += o == Outcome.GRANTED ? 1 : 0;
      spent += o == Outcome.BUDGET_SPENT ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(100, granted, "a budget of 100 issues grants exactly 100");
    assertEquals(900, spent);
    assertEquals(0, budgets.remaining("o1").getAsLong());
    // Loading the catalogue again sets the total; what was spent stays spent.
    budgets.setBudget("o1", 100 * 250);
    assertEquals(Outcome.BUDGET_SPENT, budgets.issue("o1", "late", "req-late", 250, 1).outcome());
    budgets.setBudget("o1", 101 * 250);
    assertEquals(Outcome.GRANTED, budgets.issue("o1", "later", "req-later", 250, 1).outcome());

    // A repeated request id gets its first outcome again and spends nothing.
    budgets.setBudget("o2", 1_000);
    Result first = budgets.issue("o2", "m1", "r-1", 300, 2);
    Result again = budgets.issue("o2", "m1", "r-1", 300, 2);
    assertEquals(Outcome.GRANTED, first.outcome());
    assertFalse(first.repeated());
    assertEquals(Outcome.GRANTED, again.outcome());
    assertTrue(again.repeated());
    assertEquals(700, budgets.remaining("o2").getAsLong());
    assertEquals(1, budgets.issuedTo("o2", "m1"));
    // The per-member cap: a second request is granted (cap 2), a third refused.
    assertEquals(Outcome.GRANTED, budgets.issue("o2", "m1", "r-2", 300, 2).outcome());
    assertEquals(Outcome.CAP_REACHED, budgets.issue("o2", "m1", "r-3", 300, 2).outcome());
    assertEquals(400, budgets.remaining("o2").getAsLong());
    assertTrue(budgets.remaining("nothing").isEmpty());
    assertEquals(Outcome.UNKNOWN_OFFER, budgets.issue("nothing", "m1", "r-4", 1, 1).outcome());
  }
}
