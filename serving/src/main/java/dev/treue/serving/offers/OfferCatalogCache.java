package dev.treue.serving.offers;

import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.OfferCatalogStore;
import dev.treue.store.OfferCatalogStore.Snapshot;
import dev.treue.store.RedisKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of each tenant's offer catalogue. A copy younger than the TTL is used as is;
 * an older one costs one {@code GET} of the version counter and is read again only when the version
 * moved. So a change made through any instance (or {@code offers load}) is seen everywhere within
 * about the TTL, without a restart; a change made through this instance is seen here at once.
 * Thread safe; call on a worker thread (it may read Redis).
 */
public final class OfferCatalogCache {
  /**
   * A snapshot with what ranking needs built once per version.
   *
   * @param snapshot the stored entries
   * @param catalog every offer, retired ones included (history refers to them)
   * @param active the offers that may be ranked and issued
   */
  public record View(Snapshot snapshot, OfferCatalog catalog, List<Offer> active) {
    static View of(Snapshot snapshot) {
      List<Offer> all = new ArrayList<>(snapshot.offers().size());
      snapshot.offers().values().forEach(e -> all.add(e.offer()));
      return new View(snapshot, OfferCatalog.of(all), List.copyOf(snapshot.active()));
    }
  }

  private record Entry(View view, long checkedAtNanos) {
    Snapshot snapshot() {
      return view.snapshot();
    }
  }

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
    return view(keys).snapshot();
  }

  /** The tenant's catalogue with its ranking form, at most about the TTL old. */
  public View view(RedisKeys keys) {
    String tenant = keys.tenant();
    Entry cached = byTenant.get(tenant);
    long now = System.nanoTime();
    if (cached != null && now - cached.checkedAtNanos < ttlNanos) {
      return cached.view;
    }
    OfferCatalogStore store = store(keys);
    if (cached != null) {
      long version = redis.timed("offer_catalog_version", store::version);
      if (version == cached.snapshot().version()) {
        keep(tenant, new Entry(cached.view, now));
        return cached.view;
      }
    }
    Snapshot fresh = redis.timed("offer_catalog_read", store::read);
    return keep(tenant, new Entry(View.of(fresh), now)).view;
  }

  /** Forgets the tenant's copy (after a change through this instance). */
  public void invalidate(RedisKeys keys) {
    byTenant.remove(keys.tenant());
  }

  /** Keeps the newer of two racing reads, so a slow read never replaces a newer copy. */
  private Entry keep(String tenant, Entry candidate) {
    return byTenant.merge(
        tenant,
        candidate,
        (old, fresh) -> fresh.snapshot().version() >= old.snapshot().version() ? fresh : old);
  }
}
