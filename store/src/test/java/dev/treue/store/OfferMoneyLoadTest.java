package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** {@code offers load} and the store refuse money finer than a cent or too large, and budgets spend exactly. */
class OfferMoneyLoadTest {
  private static final String HEADER =
      "offer_id,kind,category,value,cost,points_cost,min_tier,valid_from,valid_to,budget,per_customer_cap,channels";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-06-30T12:00:00Z"), ZoneOffset.UTC);

  private static RedisTestServers.Single redis;
  private static UnifiedJedis jedis;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    redis = RedisTestServers.single();
    jedis = RedisEndpoint.parse(redis.url()).connect(Duration.ofSeconds(5), 16);
  }

  @AfterAll
  static void stop() {
    jedis.close();
    redis.close();
  }

  @Test
  void aFileWithSubCentOrHugeMoneyIsRefusedNamingTheFieldAndLine() throws IOException {
    RedisKeys keys = RedisKeys.forTenant("money-file");
    Path f = dir.resolve("offers.csv");
    Files.writeString(
        f,
        HEADER
            + "\n"
            + "ok,discount,,1,0.01,,,2024-06-01,2024-07-31,0.03,1,\n"
            + "sub,discount,,1,0.004,,,2024-06-01,2024-07-31,0.01,1,\n"
            + "nano,discount,,1,1e-9,,,2024-06-01,2024-07-31,0,1,\n"
            + "huge,discount,,1e20,1,,,2024-06-01,2024-07-31,,1,\n"
            + "inf,discount,,1,1,,,2024-06-01,2024-07-31,1e308,1,\n");
    OfferCatalogStore store = new OfferCatalogStore(jedis, keys, CLOCK);
    OfferCatalogStore.FileLoad load = store.loadFile(f, false);
    assertFalse(load.written());
    List<String> reasons = load.file().rejects().stream().map(OfferFile.Reject::toString).toList();
    assertEquals(4, reasons.size(), reasons.toString());
    assertTrue(
        reasons.get(0).startsWith("line 3: cost: ") && reasons.get(0).contains("finer than a cent"),
        reasons.get(0));
    assertTrue(reasons.get(1).startsWith("line 4: cost: "), reasons.get(1));
    assertTrue(
        reasons.get(2).startsWith("line 5: value: ") && reasons.get(2).contains("above"),
        reasons.get(2));
    assertTrue(reasons.get(3).startsWith("line 6: budget: "), reasons.get(3));
    assertEquals(0, store.version(), "nothing written");
    assertTrue(new OfferBudgets(jedis, keys).remaining("ok").isEmpty(), "no budget set either");
  }

  @Test
  void offersBuiltInCodeWithSubCentMoneyAreRefusedBeforeAnyBudgetIsSet() {
    RedisKeys keys = RedisKeys.forTenant("money-put");
    OfferCatalogStore store = new OfferCatalogStore(jedis, keys, CLOCK);
    Offer sub =
        new Offer(
            "sub", OfferKind.DISCOUNT, null, 1, 0.004, 0, 0, 19_000, 20_000, 0.01, 1, Set.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.put(sub));
    assertTrue(e.getMessage().contains("cost"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> store.load(List.of(sub), false));
    assertTrue(new OfferBudgets(jedis, keys).remaining("sub").isEmpty());
  }

  @Test
  void aBudgetPaysForExactlyTheGrantsItCovers() {
    RedisKeys keys = RedisKeys.forTenant("money-spend");
    OfferBudgets budgets = new OfferBudgets(jedis, keys);
    budgets.setBudget("three", OfferCatalogStore.cents(0.03));
    int granted = 0;
    for (int i = 0; i < 6; i++) {
      granted +=
          budgets.issue("three", "m" + i, "r" + i, OfferCatalogStore.cents(0.01), 1).outcome()
                  == OfferBudgets.Outcome.GRANTED
              ? 1
              : 0;
    }
    assertEquals(3, granted);
    assertEquals(0, budgets.remaining("three").getAsLong());
    budgets.setBudget("none", OfferCatalogStore.cents(0.01));
    assertEquals(
        OfferBudgets.Outcome.BUDGET_SPENT,
        budgets.issue("none", "m1", "n1", OfferCatalogStore.cents(0.02), 1).outcome());
  }

  @Test
  void anOfferStoredUnderLooserRulesIsLeftOutNotFatal() throws IOException {
    RedisKeys keys = RedisKeys.forTenant("money-legacy");
    Path f = dir.resolve("good.csv");
    Files.writeString(f, HEADER + "\n" + "good,discount,,1,0.01,,,2024-06-01,2024-07-31,0.03,1,\n");
    OfferCatalogStore store = new OfferCatalogStore(jedis, keys, CLOCK);
    assertTrue(store.loadFile(f, false).written());
    // What an earlier version could store: a cost finer than a cent.
    Offer legacy =
        new Offer(
            "legacy", OfferKind.DISCOUNT, null, 1, 0.004, 0, 0, 19_875, 19_935, 0.01, 1, Set.of());
    jedis.hset(keys.offerCatalog(), "legacy", new StoredOffer(legacy, 0, 0).encode());
    OfferCatalogStore.Snapshot read = store.read();
    assertEquals(
        Set.of("good"), read.offers().keySet(), "the catalogue still reads, without the bad entry");
  }

  @Test
  void aRequestIdTheMemberGaveAnotherOfferIsRefusedBeforeItIsClaimed() {
    RedisKeys keys = RedisKeys.forTenant("request-race");
    MemberPseudonyms pseudonyms = new MemberPseudonyms(jedis);
    IssueRequests requests = new IssueRequests(jedis, pseudonyms);
    // A concurrent call of the same member has indexed r for offer x but not claimed it yet.
    jedis.hset(keys.memberRequests("m"), "r", "x");
    assertEquals(IssueRequests.Claim.OTHER, requests.claim(keys, "m", "y", "r"));
    assertEquals(
        "x", jedis.hget(keys.memberRequests("m"), "r"), "the other call's index entry stays");
    assertEquals(IssueRequests.Claim.NEW, requests.claim(keys, "m", "x", "r"));
  }

  @Test
  void aRequestIdStillInFlightWhenTheMemberIsErasedCanNeverBeClaimed() {
    RedisKeys keys = RedisKeys.forTenant("request-erase");
    MemberPseudonyms pseudonyms = new MemberPseudonyms(jedis);
    IssueRequests requests = new IssueRequests(jedis, pseudonyms);
    // The issue call indexed r and is about to claim it when the erase runs.
    jedis.hset(keys.memberRequests("m"), "r", "x");
    new MemberRecords(jedis, pseudonyms).erase(keys, "m");
    assertEquals(IssueRequests.Claim.ERASED, requests.claim(keys, "m", "x", "r"));
    assertFalse(
        jedis.exists(keys.memberRequests("m")), "the refused claim takes its index entry back");
  }
}
