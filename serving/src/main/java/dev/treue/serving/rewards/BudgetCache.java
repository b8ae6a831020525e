package dev.treue.serving.rewards;

import dev.treue.core.offers.Money;
import dev.treue.core.offers.Offer;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.OfferCatalogStore;
import dev.treue.store.RedisKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of what is left of each live offer's budget, per tenant, refreshed with one
 * pipelined read when older than the TTL. Ranking may be a second behind the truth: the issue call
 * decides atomically in Redis, so a stale budget can only show an offer that issuing then refuses
 * with {@code budget_spent}, never overspend.
 */
final class BudgetCache {
  private record Entry(long catalogVersion, Map<String, Long> leftCents, long readAtNanos) {}

  private final RedisAccess redis;
  private final long ttlNanos;
  private final ConcurrentHashMap<String, Entry> byTenant = new ConcurrentHashMap<>();

  BudgetCache(RedisAccess redis, Duration ttl) {
    this.redis = redis;
    this.ttlNanos = ttl.toNanos();
  }

  /** Budget left in cents by offer id for the live offers of a catalogue version; absent = none loaded. */
  Map<String, Long> leftCents(RedisKeys keys, long catalogVersion, List<Offer> live) {
    Entry e = byTenant.get(keys.tenant());
    long now = System.nanoTime();
    if (e != null && e.catalogVersion == catalogVersion && now - e.readAtNanos < ttlNanos) {
      return e.leftCents;
    }
    List<String> ids = live.stream().map(Offer::offerId).toList();
    OfferCatalogStore store =
        new OfferCatalogStore(redis.jedis(), keys, java.time.Clock.systemUTC());
    Map<String, Long> left = Map.copyOf(redis.timed("offer_budgets", () -> store.budgetsLeft(ids)));
    byTenant.put(keys.tenant(), new Entry(catalogVersion, left, now));
    return left;
  }

  /** Money left for ranking: no limit is infinite, no budget loaded is nothing. */
  static double money(Long cents) {
    if (cents == null) {
      return 0;
    }
    return cents >= OfferCatalogStore.UNLIMITED_CENTS / 2
        ? Double.POSITIVE_INFINITY
        : Money.units(cents);
  }
}
