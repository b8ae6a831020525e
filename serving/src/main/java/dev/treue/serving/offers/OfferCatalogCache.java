package dev.treue.serving.offers;

import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.OfferCatalogStore;
import dev.treue.store.OfferCatalogStore.Snapshot;
import dev.treue.store.RedisKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of each tenant's offer catalogue. A copy younger than the TTL is used as is;
 * an older one costs one {@code GET} of the version counter and is read again only when the version
 * moved. So a change made through any instance (or {@code offers load}) is seen everywhere within
 * about the TTL, without a restart; a change made through this instance is seen here at once.
 * Thread safe; call on a worker thread (it may read Redis).
 */
public final class OfferCatalogCache {
  private record Entry(Snapshot snapshot, long checkedAtNanos) {}

  private final RedisAccess redis;
  private final long ttlNanos;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> byTenant = new ConcurrentHashMap<>();

  /**
   * @param ttl how long a copy is used before the version is checked
   * @param clock stamps retirements and changes made through this instance
   */
  public OfferCatalogCache(RedisAccess redis, Duration ttl, Clock clock) {
    this.redis = redis;
    this.ttlNanos = ttl.toNanos();
    this.clock = clock;
  }

  /** The store of a tenant, for changes. */
  public OfferCatalogStore store(RedisKeys keys) {
    return new OfferCatalogStore(redis.jedis(), keys, clock);
  }

  /** The tenant's catalogue, at most about the TTL old. */
  public Snapshot snapshot(RedisKeys keys) {
    String tenant = keys.tenant();
    Entry cached = byTenant.get(tenant);
    long now = System.nanoTime();
    if (cached != null && now - cached.checkedAtNanos < ttlNanos) {
      return cached.snapshot;
    }
    OfferCatalogStore store = store(keys);
    if (cached != null) {
      long version = redis.timed("offer_catalog_version", store::version);
      if (version == cached.snapshot.version()) {
        keep(tenant, new Entry(cached.snapshot, now));
        return cached.snapshot;
      }
    }
    Snapshot fresh = redis.timed("offer_catalog_read", store::read);
    return keep(tenant, new Entry(fresh, now)).snapshot;
  }

  /** Forgets the tenant's copy (after a change through this instance). */
  public void invalidate(RedisKeys keys) {
    byTenant.remove(keys.tenant());
  }

  /** Keeps the newer of two racing reads, so a slow read never replaces a newer copy. */
  private Entry keep(String tenant, Entry candidate) {
    return byTenant.merge(tenant, candidate,
        (old, fresh) -> fresh.snapshot.version() >= old.snapshot.version() ? fresh : old);
  }
}
