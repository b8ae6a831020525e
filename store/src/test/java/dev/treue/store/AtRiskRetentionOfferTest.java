package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.treue.core.customer.MemberStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * At-risk rows carry the retention offer batch scoring picked (issue 14): it round-trips, rows
 * written before it read without one, only active members have one, and a row the service rewrites
 * after an event keeps the stored offer while the member stays active.
 */
class AtRiskRetentionOfferTest {
  private static final RetentionOffer OFFER =
      new RetentionOffer(
          "o7", 0.21, 4.5, List.of("you shop about every 10 days", "retention pick: churn 62%"));

  private static AtRiskEntry row(MemberStatus status, double probability) {
    boolean active = status == MemberStatus.ACTIVE;
    return new AtRiskEntry(
        "c1",
        active ? probability : Double.NaN,
        active ? "high" : null,
        "gold",
        "family",
        active ? 30.0 : Double.NaN,
        50.0,
        0.4,
        List.of("no purchase for 74 days"),
        1_700_000_000_000L,
        19_900,
        status,
        0.8,
        active ? null : 0.8,
        19_800);
  }

  @Test
  void theOfferRoundTripsAndOlderRowsReadWithoutOne() {
    AtRiskEntry row = row(MemberStatus.ACTIVE, 0.62).withRetentionOffer(OFFER);
    assertEquals(row, AtRiskEntry.decode(row.encode()));
    assertEquals(OFFER, AtRiskEntry.decode(row.encode()).retentionOffer());
    String withoutOffer = row(MemberStatus.ACTIVE, 0.62).encode();
    assertEquals(19, withoutOffer.split("\t", -1).length, withoutOffer);
    assertNull(AtRiskEntry.decode(withoutOffer).retentionOffer());
    // A row as the service wrote it before the offer was stored: 15 fields.
    String older = withoutOffer.substring(0, withoutOffer.length() - 4);
    assertEquals(15, older.split("\t", -1).length, older);
    assertEquals(row(MemberStatus.ACTIVE, 0.62), AtRiskEntry.decode(older));
  }

  @Test
  void onlyActiveMembersHaveOne() {
    assertThrows(
        IllegalArgumentException.class,
        () -> row(MemberStatus.LAPSED, 0).withRetentionOffer(OFFER));
  }

  @Test
  void theCsvCellsAreTheOffer() {
    List<Object> values =
        AtRiskCsv.values(
            row(MemberStatus.ACTIVE, 0.62).withRetentionOffer(OFFER),
            dev.treue.core.reason.ReasonWords.ENGLISH_EUR);
    int id = AtRiskCsv.COLUMNS.indexOf(dev.treue.core.i18n.ListColumn.RETENTION_OFFER_ID);
    assertEquals(
        List.of("o7", 0.21, 4.5, "you shop about every 10 days; retention pick: churn 62%"),
        values.subList(id, id + 4));
  }

  @Test
  void anEventKeepsTheStoredOfferWhileTheMemberStaysActive() {
    RedisKeys keys = RedisKeys.forTenant("offers");
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      AtRiskStore store = new AtRiskStore(jedis);
      store.put(keys, row(MemberStatus.ACTIVE, 0.62).withRetentionOffer(OFFER));
      AtRiskEntry rescored = store.putKeepingOffer(keys, row(MemberStatus.ACTIVE, 0.55));
      assertEquals(OFFER, rescored.retentionOffer());
      assertEquals(OFFER, AtRiskEntry.decode(jedis.hget(keys.atRiskRows(), "c1")).retentionOffer());
      assertEquals(0.55, AtRiskEntry.decode(jedis.hget(keys.atRiskRows(), "c1")).probability());
      store.putKeepingOffer(keys, row(MemberStatus.LAPSED, 0));
      assertNull(AtRiskEntry.decode(jedis.hget(keys.atRiskRows(), "c1")).retentionOffer());
      store.putKeepingOffer(keys, row(MemberStatus.ACTIVE, 0.7));
      assertNull(
          AtRiskEntry.decode(jedis.hget(keys.atRiskRows(), "c1")).retentionOffer(),
          "a lapse dropped the offer; the next load picks again");
    }
  }

  @Test
  void theOneScriptWriteKeepsExactlyWhatDecodingTheStoredRowWouldKeep() {
    RedisKeys keys = RedisKeys.forTenant("offers");
    AtRiskEntry rescored = row(MemberStatus.ACTIVE, 0.55);
    String withoutOffer = row(MemberStatus.ACTIVE, 0.62).encode();
    List<String> stored =
        List.of(
            row(MemberStatus.ACTIVE, 0.62).withRetentionOffer(OFFER).encode(),
            row(MemberStatus.ACTIVE, 0.62)
                .withRetentionOffer(new RetentionOffer("o-8.x", 1e-7, -0.0, List.of()))
                .encode(),
            withoutOffer,
            // Written before the offer was stored (15 fields), and with one field too many.
            withoutOffer.substring(0, withoutOffer.length() - 4),
            row(MemberStatus.ACTIVE, 0.62).withRetentionOffer(OFFER).encode() + "\tx");
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      AtRiskStore store = new AtRiskStore(jedis);
      for (String before : stored) {
        jedis.hset(keys.atRiskRows(), "c1", before);
        RetentionOffer kept =
            19 == before.split("\t", -1).length
                ? AtRiskEntry.decode(before).retentionOffer()
                : null;
        AtRiskEntry expected = kept == null ? rescored : rescored.withRetentionOffer(kept);
        assertEquals(expected, store.putKeepingOffer(keys, rescored), before);
        assertEquals(expected.encode(), jedis.hget(keys.atRiskRows(), "c1"), before);
        for (AtRiskOrder order : AtRiskOrder.values()) {
          assertEquals(order.score(rescored), jedis.zscore(order.key(keys), "c1"), before);
        }
      }
      jedis.del(keys.atRiskRows());
      assertEquals(rescored, store.putKeepingOffer(keys, rescored), "no stored row");
      assertEquals(rescored.encode(), jedis.hget(keys.atRiskRows(), "c1"));
    }
  }
}
